import type { FuzzCase } from './case';
import type { FuzzResponse } from './http';
import { judge, namesField } from './oracles';

const op = { service: 'intake', method: 'POST', path: '/v1/things', pathParams: [], queryParams: [], isPublic: false };
const aCase = (over: Partial<FuzzCase> = {}): FuzzCase => ({
  id: 'c-1',
  op,
  family: 'wrong-type',
  description: 'title: a number',
  auth: 'right-role',
  request: { service: 'intake', method: 'POST', target: '/v1/things', headers: {} },
  expect: 'reject',
  ...over,
});
const problem = (status: number, errors?: { field: string; message: string }[]): FuzzResponse => ({
  status,
  contentType: 'application/problem+json; charset=utf-8',
  text: JSON.stringify({ type: 'x', title: 't', status, code: 'validation_failed', ...(errors ? { errors } : {}) }),
});
const kinds = (c: FuzzCase, res: FuzzResponse, own = new Set<string>()) => judge(c, res, own).map((v) => v.kind);

describe('oracles', () => {
  it('never a 5xx, never no answer', () => {
    expect(kinds(aCase(), problem(500))).toEqual(['server-error']);
    expect(kinds(aCase({ expect: 'either' }), problem(503))).toEqual(['server-error']);
    expect(kinds(aCase(), { status: 0, contentType: '', text: '', error: 'socket hang up' })).toEqual(['no-answer']);
  });

  it('every 4xx a problem with a code', () => {
    expect(kinds(aCase(), { status: 400, contentType: 'application/json', text: '{"code":"FST_ERR_BAD_URL"}' })).toEqual(['not-problem']);
    expect(kinds(aCase(), { status: 404, contentType: 'application/problem+json', text: '{"title":"no code"}' })).toEqual(['not-problem']);
    expect(kinds(aCase(), problem(404))).toEqual([]);
  });

  it('a 400 names the field to blame', () => {
    expect(kinds(aCase({ blame: 'requester.name' }), problem(400, [{ field: 'requester.name', message: 'x' }]))).toEqual([]);
    expect(kinds(aCase({ blame: 'path.id' }), problem(400, [{ field: 'id', message: 'x' }]))).toEqual([]);
    expect(kinds(aCase({ blame: 'fuzzExtra' }), problem(400, [{ field: '(body)', message: "Unrecognized key(s) in object: 'fuzzExtra'" }]))).toEqual([]);
    expect(kinds(aCase({ blame: 'title' }), problem(400, [{ field: 'content', message: 'x' }]))).toEqual(['unnamed-field']);
    expect(kinds(aCase({ blame: 'title' }), problem(400))).toEqual(['unnamed-field']);
    expect(namesField([{ field: 'anything' }], '(body)')).toBe(true);
    expect(namesField([], '(body)')).toBe(false);
  });

  it('an invalid request is refused', () => {
    expect(kinds(aCase(), { status: 200, contentType: 'application/json', text: '{}' })).toEqual(['accepted-invalid']);
    expect(kinds(aCase({ expect: 'either' }), { status: 201, contentType: 'application/json', text: '{}' })).toEqual([]);
  });

  it('the status the credentials call for', () => {
    expect(kinds(aCase({ auth: 'none', status: 401 }), problem(400, [{ field: '(body)', message: 'must be valid JSON' }]))).toEqual(['auth']);
    expect(kinds(aCase({ auth: 'wrong-role', status: 403 }), problem(403))).toEqual([]);
    expect(kinds(aCase({ auth: 'garbage', status: 401 }), { status: 200, contentType: 'application/json', text: '{}' })).toEqual(['auth']);
  });

  it("nothing of the own tenant for another tenant's caller", () => {
    const own = new Set(['11111111-1111-4111-8111-111111111111']);
    const other = aCase({ auth: 'other-tenant', expect: 'either', request: { service: 'intake', method: 'GET', target: '/v1/things', headers: {} } });
    const leaking = { status: 200, contentType: 'application/json', text: '{"items":[{"id":"11111111-1111-4111-8111-111111111111"}]}' };
    expect(kinds(other, leaking, own)).toEqual(['cross-tenant-leak']);
    const echoed = { ...other, request: { ...other.request, target: '/v1/things/11111111-1111-4111-8111-111111111111' } };
    expect(kinds(echoed, leaking, own)).toEqual([]);
    expect(kinds(aCase({ auth: 'other-tenant', crossTenant: true }), leaking)).toEqual(['cross-tenant']);
  });
});
