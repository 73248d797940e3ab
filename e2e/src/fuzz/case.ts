import type { FuzzRequest } from './http';
import type { Operation } from './openapi';
import { fillPath } from './openapi';

export type Family =
  | 'auth'
  | 'syntax'
  | 'content-type'
  | 'wrong-type'
  | 'missing'
  | 'extra'
  | 'oversize'
  | 'number'
  | 'unicode'
  | 'path'
  | 'query'
  | 'method'
  | 'header';

export type AuthKind = 'none' | 'garbage' | 'other-tenant' | 'wrong-role' | 'right-role';

/** An Authorization header the fuzzer can send, and which demo token it is (for curl). */
export interface Credential {
  label: string;
  header: string;
  token?: { tenant: string; key: string };
}

export interface Credentials {
  /** The own tenant's token of a role the operation allows (the one its base request works with). */
  right?: Credential;
  /** Another tenant's token of an allowed role. */
  otherTenant?: Credential;
  /** The own tenant's token of a role the operation does not allow. */
  wrongRole?: Credential;
  /** No valid token: malformed, tampered, unsigned, another scheme. */
  garbage: Credential[];
}

/** What calibration found works (or comes closest) for an operation: every case varies it. */
export interface Base {
  op: Operation;
  /** Raw (unencoded) path parameter values. */
  pathValues: Record<string, string>;
  /** Raw query parameter values. */
  query: Record<string, string>;
  body?: unknown;
  /** The methods the document declares on this path (a method case picks another). */
  pathMethods: string[];
  /** The base answered 2xx. */
  accepted: boolean;
  /** A path value is an id that only the own tenant has: another tenant's caller must not reach it. */
  ownTenantPath: boolean;
}

/** What a case expects. `reject`: a 4xx and nothing changed; `either`: anything but a 5xx. */
export type Expectation = 'reject' | 'either';

export interface FuzzCase {
  id: string;
  op: Operation;
  family: Family;
  description: string;
  auth: AuthKind;
  request: FuzzRequest;
  expect: Expectation;
  /** The field a 400 must name (as the problem's `errors[].field` does). */
  blame?: string;
  /** What kind of value the case tries, whatever the field (`U+0000 NUL`, `null`): sampling spreads over these. */
  variant?: string;
  /** The status the case must get (401 without a valid token, 403 for a wrong role). */
  status?: number;
  /** Another tenant's caller aims at the own tenant's data. */
  crossTenant?: boolean;
}

/** How a case differs from its base request. */
export interface Draft {
  /** Path parameters, already percent-encoded (or deliberately not). */
  path?: Record<string, string>;
  /** The whole query string (without `?`), as sent. */
  query?: string;
  /** A JSON value, raw bytes, or no body at all. */
  body?: { json: unknown } | { raw: Buffer } | 'none';
  /** `null`: no content-type header. */
  contentType?: string | null;
  headers?: Record<string, string>;
  credential?: Credential | null;
  method?: string;
}

export const encodeQuery = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

/** The base request with a draft's changes: exactly what goes on the wire. */
export function assemble(base: Base, credentials: Credentials, draft: Draft = {}): FuzzRequest {
  const { op } = base;
  const path = fillPath(op.path, {
    ...Object.fromEntries(Object.entries(base.pathValues).map(([k, v]) => [k, encodeURIComponent(v)])),
    ...draft.path,
  });
  const query = draft.query ?? encodeQuery(base.query);
  const body =
    draft.body === 'none'
      ? undefined
      : draft.body === undefined
        ? base.body === undefined
          ? undefined
          : Buffer.from(JSON.stringify(base.body))
        : 'raw' in draft.body
          ? draft.body.raw
          : Buffer.from(JSON.stringify(draft.body.json) ?? '');
  const credential = draft.credential === undefined ? credentials.right : draft.credential;
  const contentType = draft.contentType === undefined ? (body ? 'application/json' : null) : draft.contentType;
  return {
    service: op.service,
    method: draft.method ?? op.method,
    target: query ? `${path}?${query}` : path,
    headers: {
      ...(credential ? { authorization: credential.header } : {}),
      ...(contentType !== null ? { 'content-type': contentType } : {}),
      ...draft.headers,
    },
    ...(body ? { body } : {}),
    ...(credential?.token ? { token: credential.token } : {}),
  };
}

/** The same request under another credential (or none). */
export function withCredential(req: FuzzRequest, credential: Credential | null): FuzzRequest {
  const { authorization: _previous, ...headers } = req.headers;
  const { token: _token, ...rest } = req;
  return {
    ...rest,
    headers: credential ? { authorization: credential.header, ...headers } : headers,
    ...(credential?.token ? { token: credential.token } : {}),
  };
}

/** JSON text of `value` with the string at the marker replaced by raw bytes (not UTF-8, so not a JS string). */
export function withRawBytes(value: unknown, marker: string, bytes: Buffer): Buffer {
  const parts = JSON.stringify(value).split(marker);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [bytes, Buffer.from(part)])));
}
