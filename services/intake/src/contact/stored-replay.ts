import { IDEMPOTENCY_HEADER, ProblemError } from '@hotline/platform';

/**
 * Refuses an Idempotency-Key on a call whose answer is personal data in clear or a call
 * reference: the platform keeps an idempotent call's answer in its database for a day, which
 * would store the phone unencrypted, or the reference that only its hash may stand for. Thrown
 * in the handler, so nothing is stored (a failed call stores nothing). A repeated call is a new
 * disclosure, audited as such. The header is read from the request, not declared as a
 * parameter, so the OpenAPI document does not offer (or require) it here.
 */
export function refuseStoredReplay(http: HeaderCarrier): void {
  if (http.headers[IDEMPOTENCY_HEADER] !== undefined)
    throw ProblemError.validation([
      { field: `header.${IDEMPOTENCY_HEADER}`, message: 'not accepted here: the answer holds personal data that is never stored; repeat the call instead' },
    ]);
}

/** The part of the HTTP request the refusal reads (header names in lower case, as Node gives them). */
export interface HeaderCarrier {
  headers: Record<string, string | string[] | undefined>;
}
