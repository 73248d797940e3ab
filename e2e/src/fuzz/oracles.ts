import type { FuzzCase } from './case';
import type { FuzzResponse } from './http';

export type ViolationKind =
  | 'server-error'
  | 'no-answer'
  | 'not-problem'
  | 'unnamed-field'
  | 'accepted-invalid'
  | 'auth'
  | 'cross-tenant'
  | 'cross-tenant-leak'
  | 'partial-write';

export interface Violation {
  kind: ViolationKind;
  message: string;
}

interface ProblemShape {
  code?: unknown;
  errors?: { field?: unknown; message?: unknown }[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether a problem's errors name the field to blame: the field itself, the same name at the end
 * of a longer path (`path.id` for `id`), a containing or contained field, or the key quoted in a message
 * (zod names an unknown key in the message of its object). A whole-body fault is named by any error.
 */
export function namesField(errors: { field?: unknown; message?: unknown }[], blame: string): boolean {
  if (blame === '(body)') return errors.length > 0;
  const last = blame.split('.').pop() ?? blame;
  return errors.some((e) => {
    const field = String(e.field ?? '');
    const message = String(e.message ?? '');
    return (
      field === blame ||
      field.endsWith(`.${blame}`) ||
      blame.endsWith(`.${field}`) ||
      field.split('.').pop() === last ||
      (field !== '(body)' && field !== '' && blame.startsWith(`${field}.`)) ||
      field.startsWith(`${blame}.`) ||
      message.includes(`'${last}'`) ||
      message.includes(`"${last}"`)
    );
  });
}

/**
 * Judges one answer: never a 5xx or no answer; every 4xx a problem with a `code`; a 400 names
 * the field to blame; an invalid request refused; the status the credentials call for; another
 * tenant's caller neither reaching nor shown the own tenant's data (`ownOnlyIds`: ids only the
 * own tenant's callers were shown; those the request itself carries do not count).
 */
export function judge(c: FuzzCase, res: FuzzResponse, ownOnlyIds: ReadonlySet<string>): Violation[] {
  const out: Violation[] = [];
  if (res.error) return [{ kind: 'no-answer', message: `no HTTP answer: ${res.error}` }];
  if (res.status >= 500) out.push({ kind: 'server-error', message: `answered ${res.status}` });
  if (res.status >= 400 && res.status < 500) {
    const problem = parseJson(res.text) as ProblemShape | undefined;
    if (!res.contentType.startsWith('application/problem+json') || typeof problem?.code !== 'string')
      out.push({ kind: 'not-problem', message: `a ${res.status} that is not application/problem+json with a code (content-type "${res.contentType}")` });
    else if (res.status === 400 && c.blame && !namesField(problem.errors ?? [], c.blame))
      out.push({ kind: 'unnamed-field', message: `a 400 that does not name ${c.blame}` });
  }
  // Headers over Node's 16 KiB are refused (431) before anyone reads the token: as closed as a 401.
  const refusedUnread = res.status === 431 && c.status === 401;
  if (c.status !== undefined && res.status !== c.status && !refusedUnread && res.status < 500)
    out.push({ kind: 'auth', message: `expected ${c.status} (${c.auth}), got ${res.status}` });
  else if (c.expect === 'reject' && res.status < 400)
    out.push({ kind: c.crossTenant ? 'cross-tenant' : 'accepted-invalid', message: `expected a 4xx, got ${res.status}` });
  if (c.auth === 'other-tenant' && res.status < 300) {
    const asked = `${c.request.target} ${c.request.body?.toString('utf8') ?? ''}`;
    const shown = [...new Set(res.text.match(UUID) ?? [])].filter((id) => ownOnlyIds.has(id) && !asked.includes(id));
    if (shown.length > 0) out.push({ kind: 'cross-tenant-leak', message: `another tenant's caller was shown ${shown.length} id(s) of the own tenant: ${shown.slice(0, 3).join(', ')}` });
  }
  return out;
}
