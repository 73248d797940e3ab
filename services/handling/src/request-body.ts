import { ProblemError } from '@hotline/platform';

/**
 * The JSON body of a write, refused when there is none. The platform's `validate` reads a
 * missing body as `{}` (an action with nothing to say), and every field of PUT /v1/calendar has
 * a default, so a bodiless PUT silently reset the tenant's calendar; a write of handling must
 * say what it writes. `null` is refused here too (and by `validate`); `[]`, strings and numbers
 * fail the schema itself, naming `(body)`.
 */
export function requireJsonBody(body: unknown): unknown {
  if (body === undefined || body === null) throw ProblemError.validation([{ field: '(body)', message: 'a JSON object is required' }]);
  return body;
}
