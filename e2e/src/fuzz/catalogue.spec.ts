import type { Base, Credentials } from './case';
import { casesFor, diversified, quotas } from './catalogue';
import type { Operation } from './openapi';
import { Rng } from './random';
import type { CaseDraft } from './request-families';

const op: Operation = {
  service: 'intake',
  method: 'POST',
  path: '/v1/public/{tenant}/requests',
  pathParams: [{ name: 'tenant', in: 'path', required: true, schema: { type: 'string' }, documented: true }],
  queryParams: [],
  body: {
    required: true,
    schema: {
      type: 'object',
      properties: { title: { type: 'string', minLength: 1, maxLength: 200 }, content: { type: 'string', minLength: 1, maxLength: 4000 }, urgent: { type: 'boolean' } },
      required: ['title', 'content'],
      additionalProperties: false,
    },
  },
  isPublic: false,
  roles: ['agent'],
};
const base: Base = { op, pathValues: { tenant: 'city-a' }, query: {}, body: { title: 't', content: 'c' }, pathMethods: ['POST'], accepted: true, ownTenantPath: false };
const credentials: Credentials = {
  right: { label: 'city-a agent', header: 'Bearer right', token: { tenant: 'city-a', key: 'agent' } },
  otherTenant: { label: 'city-b agent', header: 'Bearer other' },
  wrongRole: { label: 'city-a reviewer', header: 'Bearer wrong' },
  garbage: [{ label: 'a malformed token', header: 'Bearer nope' }],
};

describe('the case catalogue', () => {
  it('draws the same cases from the same seed', () => {
    const ids = (seed: string) => casesFor(base, credentials, new Rng(seed), 60).cases.map((c) => `${c.id} ${c.description}`);
    expect(ids('s')).toEqual(ids('s'));
    expect(ids('s')).not.toEqual(ids('t'));
  });

  it('always runs the authentication cases: 401 without a valid token (whatever the body), 403 for a wrong role', () => {
    const { cases } = casesFor(base, credentials, new Rng('a'), 1);
    const auth = cases.filter((c) => c.family === 'auth');
    expect(auth.filter((c) => c.status === 401).map((c) => c.description)).toEqual(
      expect.arrayContaining(['no token', 'a malformed token', 'no token, malformed JSON body', 'no token, 2 MiB body']),
    );
    expect(auth.find((c) => c.auth === 'wrong-role')).toMatchObject({ status: 403, expect: 'reject' });
    expect(auth.find((c) => c.auth === 'none')?.request.headers).not.toHaveProperty('authorization');
  });

  it('draws from every family the operation has, and refuses what breaks the schema, naming the field', () => {
    const { cases, derivable } = casesFor(base, credentials, new Rng('f'), 120);
    expect(new Set(cases.map((c) => c.family))).toEqual(
      new Set(['auth', 'syntax', 'content-type', 'wrong-type', 'missing', 'extra', 'oversize', 'unicode', 'path', 'query', 'method', 'header']),
    );
    expect(derivable).toBeGreaterThan(cases.length);
    const missing = cases.find((c) => c.family === 'missing');
    expect(missing).toMatchObject({ expect: 'reject', blame: missing?.description.split(':')[0] });
    const nul = casesFor(base, credentials, new Rng('u'), 400).cases.find((c) => c.description === 'title: U+0000 NUL');
    expect(nul).toMatchObject({ expect: 'reject', blame: 'title' });
    expect(JSON.parse(nul!.request.body!.toString()).title).toBe('ta\u0000b');
  });

  it('sends some drawn cases again without the right credentials, expecting the credentials to be refused first', () => {
    const { cases } = casesFor(base, credentials, new Rng('x'), 120);
    const again = cases.filter((c) => c.family !== 'auth' && c.auth !== 'right-role');
    expect(again.length).toBeGreaterThan(5);
    for (const c of again) {
      expect(c.blame).toBeUndefined();
      if (c.auth === 'none' || c.auth === 'garbage') expect(c).toMatchObject({ status: 401, expect: 'reject' });
      if (c.auth === 'wrong-role') expect(c).toMatchObject({ status: 403, expect: 'reject' });
      if (c.auth === 'none') expect(c.request.headers).not.toHaveProperty('authorization');
    }
  });

  it('blames no field when the base request was refused itself (its 400 may name what the base got wrong)', () => {
    const { cases } = casesFor({ ...base, accepted: false }, credentials, new Rng('f'), 120);
    expect(cases.filter((c) => c.family === 'wrong-type').every((c) => c.blame === undefined)).toBe(true);
  });

  it('spreads a family over its variants, refusing ones first, and shares the budget by the square root of size', () => {
    const draft = (variant: string, expect: 'reject' | 'either') => ({ variant, expect, description: variant }) as CaseDraft;
    const order = diversified([draft('a', 'either'), draft('a', 'either'), draft('b', 'reject'), draft('b', 'reject'), draft('c', 'reject')], new Rng('d'));
    expect(order.slice(0, 2).map((c) => c.variant).sort()).toEqual(['b', 'c']);
    expect(new Set(order.slice(0, 3).map((c) => c.variant))).toEqual(new Set(['a', 'b', 'c']));
    expect(quotas([100, 4, 0, 1], 20)).toEqual([16, 3, 0, 1]);
    expect(quotas([3, 3], 100)).toEqual([3, 3]);
  });
});
