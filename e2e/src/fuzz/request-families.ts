import { assemble, AuthKind, Base, Credential, Credentials, Draft, Expectation, Family, FuzzCase } from './case';
import type { Rng } from './random';
import { conforms } from './schema';

export type CaseDraft = Omit<FuzzCase, 'id'>;

export interface FamilyContext {
  base: Base;
  credentials: Credentials;
  rng: Rng;
}

interface Extra {
  blame?: string;
  variant?: string;
  status?: number;
  auth?: AuthKind;
  crossTenant?: boolean;
}

/** Builds a case of `ctx`'s operation from a draft of how it differs from the base request. */
export function caseOf(ctx: FamilyContext, family: Family, description: string, draft: Draft, expect: Expectation, extra: Extra = {}): CaseDraft {
  const auth = extra.auth ?? (ctx.credentials.right ? 'right-role' : 'none');
  // Where the base request itself is refused, a 400 may rightly name what the base got wrong
  // instead; only a whole-body fault or a header is to blame whatever the rest.
  const blame = extra.blame && (ctx.base.accepted || extra.blame === '(body)' || extra.blame.startsWith('header.')) ? extra.blame : undefined;
  return {
    op: ctx.base.op,
    family,
    description,
    auth,
    request: assemble(ctx.base, ctx.credentials, draft),
    expect,
    ...(blame ? { blame } : {}),
    ...(extra.variant ? { variant: extra.variant } : {}),
    ...(extra.status ? { status: extra.status } : {}),
    ...(extra.crossTenant ? { crossTenant: true } : {}),
  };
}

const MALFORMED = Buffer.from('{"title": "unterminated');
/** Beyond any route's body limit (256 KiB, 1 MiB for the largest). */
const HUGE = () => Buffer.from(JSON.stringify({ filler: 'x'.repeat(2 * 1024 * 1024) }));

/**
 * Who may call: without a token, with tokens that are not valid, another tenant's, a role the
 * operation does not allow, and the right one. Without a valid token a protected operation
 * answers 401 before it reads the body (malformed, oversize or of the wrong type), a wrong role
 * 403; another tenant's caller never reaches the own tenant's data.
 */
export function authCases(ctx: FamilyContext): CaseDraft[] {
  const { base, credentials } = ctx;
  const out: CaseDraft[] = [];
  const hasBody = base.op.body !== undefined;
  if (base.op.isPublic) {
    for (const g of credentials.garbage.slice(0, 3)) out.push(caseOf(ctx, 'auth', `public, with ${g.label}`, { credential: g }, 'either', { auth: 'garbage' }));
    return out;
  }
  const refused = (description: string, credential: Credential | null, auth: AuthKind, status: number, draft: Draft = {}) =>
    out.push(caseOf(ctx, 'auth', description, { ...draft, credential }, 'reject', { auth, status }));
  refused('no token', null, 'none', 401);
  for (const g of credentials.garbage) refused(g.label, g, 'garbage', 401);
  if (hasBody || base.op.method !== 'GET') {
    refused('no token, malformed JSON body', null, 'none', 401, { body: { raw: MALFORMED } });
    refused('no token, 2 MiB body', null, 'none', 401, { body: { raw: HUGE() } });
    refused('no token, text/plain body', null, 'none', 401, { contentType: 'text/plain' });
  }
  const wrong = credentials.wrongRole;
  if (wrong) {
    refused(`wrong role (${wrong.label})`, wrong, 'wrong-role', 403);
    if (hasBody) refused(`wrong role (${wrong.label}), malformed JSON body`, wrong, 'wrong-role', 403, { body: { raw: MALFORMED } });
  }
  const other = credentials.otherTenant;
  if (other)
    out.push(
      caseOf(ctx, 'auth', `another tenant's token (${other.label})${base.ownTenantPath ? ' on the own tenant\'s id' : ''}`, { credential: other }, base.ownTenantPath ? 'reject' : 'either', {
        auth: 'other-tenant',
        crossTenant: base.ownTenantPath,
      }),
    );
  if (credentials.right) out.push(caseOf(ctx, 'auth', `the right role (${credentials.right.label})`, {}, 'either'));
  return out;
}

/** Bodies that are not the JSON the operation takes, as a whole. */
export function syntaxCases(ctx: FamilyContext): CaseDraft[] {
  const { base } = ctx;
  const schema = base.op.body?.schema;
  const json = (value: unknown) => (schema && conforms(value, schema) ? 'either' : 'reject');
  const raw = (description: string, bytes: string | Buffer, expect: Expectation = 'reject') =>
    caseOf(ctx, 'syntax', description, { body: { raw: typeof bytes === 'string' ? Buffer.from(bytes) : bytes } }, expect, expect === 'reject' ? { blame: '(body)' } : {});
  if (!schema) return [raw('a JSON body where none is taken', '{"fuzz":1}', 'either'), raw('malformed JSON where no body is taken', '{', 'either')];
  const baseText = JSON.stringify(base.body ?? {});
  const firstKey = Object.keys((base.body as object) ?? {})[0];
  const depth = 5000;
  return [
    raw('empty body with content-type json', ''),
    raw('whitespace only', ' \n\t '),
    raw('unterminated object', '{'),
    raw('missing value', '{"a":}'),
    raw('trailing comma', baseText.replace(/}$/, ',}')),
    raw('trailing garbage after the object', `${baseText}x`),
    raw('two JSON documents', `${baseText}${baseText}`),
    raw('single quotes', `{'a': 1}`),
    raw('NaN literal', '{"a": NaN}'),
    raw('comment', `/* c */${baseText}`),
    raw(`${depth} nested arrays`, '['.repeat(depth) + ']'.repeat(depth)),
    raw(`${depth} nested objects`, '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    raw('__proto__ pollution', `{"__proto__":{"polluted":true},${baseText.slice(1)}`),
    raw('constructor.prototype pollution', `{"constructor":{"prototype":{"polluted":true}},${baseText.slice(1)}`),
    raw('null', 'null', json(null)),
    raw('true', 'true', json(true)),
    raw('a number', '0', json(0)),
    raw('a string', '"text"', json('text')),
    raw('an empty array', '[]', json([])),
    raw('the base body inside an array', `[${baseText}]`, json([base.body])),
    raw('an empty object', '{}', json({})),
    raw('UTF-8 BOM before the JSON', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(baseText)]), 'either'),
    raw('UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(baseText, 'utf16le')])),
    raw('invalid UTF-8 byte before the JSON', Buffer.concat([Buffer.from([0xff]), Buffer.from(baseText)])),
    ...(firstKey ? [raw(`duplicate key "${firstKey}"`, `{"${firstKey}":null,${baseText.slice(1)}`, 'either')] : []),
  ];
}

/** The base body under content types other than JSON (and JSON spelled other ways). */
export function contentTypeCases(ctx: FamilyContext): CaseDraft[] {
  if (!ctx.base.op.body) return [caseOf(ctx, 'content-type', 'a form body where none is taken', { body: { raw: Buffer.from('a=1') }, contentType: 'application/x-www-form-urlencoded' }, 'either')];
  const as = (contentType: string | null, expect: Expectation, body?: Buffer) =>
    caseOf(ctx, 'content-type', `content-type ${contentType ?? '(none)'}`, { contentType, ...(body ? { body: { raw: body } } : {}) }, expect);
  return [
    as('text/plain', 'reject'),
    as('application/x-www-form-urlencoded', 'reject', Buffer.from('a=1&b=2')),
    as('multipart/form-data; boundary=fuzz', 'reject', Buffer.from('--fuzz\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--fuzz--\r\n')),
    as('application/xml', 'reject', Buffer.from('<a>1</a>')),
    as('application/octet-stream', 'reject'),
    as(null, 'either'),
    as('application/json; charset=utf-8', 'either'),
    as('APPLICATION/JSON', 'either'),
    as('application/json; charset=utf-16', 'either'),
    as('application/merge-patch+json', 'either'),
    as('application/json, text/plain', 'either'),
    as('application/json\tx', 'either'),
  ];
}

/** A method the path does not declare: 404 or 405, as a problem. */
export function methodCases(ctx: FamilyContext): CaseDraft[] {
  const other = ['DELETE', 'PATCH', 'PUT', 'POST', 'GET'].filter((m) => !ctx.base.pathMethods.includes(m));
  return other.slice(0, 2).map((method) => caseOf(ctx, 'method', `method ${method} on a path without it`, { method }, 'reject'));
}

/** Idempotency keys and other headers a client controls. */
export function headerCases(ctx: FamilyContext): CaseDraft[] {
  const changing = ctx.base.op.method !== 'GET';
  const header = (description: string, headers: Record<string, string>, expect: Expectation, blame?: string) =>
    caseOf(ctx, 'header', description, { headers }, expect, blame ? { blame } : {});
  const out = [
    header('accept: application/xml', { accept: 'application/xml' }, 'either'),
    header('x-forwarded-for spoofed', { 'x-forwarded-for': '10.0.0.1, 127.0.0.1' }, 'either'),
    header('content-encoding: gzip on a plain body', { 'content-encoding': 'gzip' }, 'either'),
  ];
  if (changing)
    out.push(
      header('idempotency-key too short', { 'idempotency-key': 'short' }, 'reject', 'header.idempotency-key'),
      header('idempotency-key of 300 characters', { 'idempotency-key': 'k'.repeat(300) }, 'reject', 'header.idempotency-key'),
      header('idempotency-key with spaces and quotes', { 'idempotency-key': `key "with" spaces ${ctx.rng.word(6)}` }, 'reject', 'header.idempotency-key'),
      header('idempotency-key with latin-1 bytes', { 'idempotency-key': `cl\u00e9-${ctx.rng.word(8)}` }, 'reject', 'header.idempotency-key'),
      header('a valid idempotency-key', { 'idempotency-key': `fuzz-${ctx.rng.word(12)}` }, 'either'),
    );
  return out;
}
