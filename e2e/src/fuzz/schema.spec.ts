import { conforms, fieldsOf, getAt, normalize, objectsOf, Schema, setAt, typesOf } from './schema';

const body: Schema = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 5 },
    amount: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10 },
    kind: { anyOf: [{ not: {} }, { type: 'string', enum: ['a', 'b'] }] },
    parentId: { type: 'string', format: 'uuid', nullable: true },
    entries: { type: 'array', maxItems: 2, items: { type: 'object', properties: { code: { type: 'string', pattern: '^[0-9]{2}$' } }, required: ['code'], additionalProperties: false } },
  },
  required: ['title', 'amount'],
  additionalProperties: false,
};

describe('schemas', () => {
  it("unwraps zod's optional wrapper", () => {
    expect(normalize({ anyOf: [{ not: {} }, { type: 'integer', minimum: 1 }] })).toEqual({ type: 'integer', minimum: 1 });
    expect(typesOf({ type: 'string', nullable: true })).toEqual(['string', 'null']);
  });

  it('checks what a document can state', () => {
    const ok = { title: 'abc', amount: 1, kind: 'a', parentId: null, entries: [{ code: '12' }] };
    expect(conforms(ok, body)).toBe(true);
    expect(conforms({ ...ok, amount: 0 }, body)).toBe(false); // exclusive minimum
    expect(conforms({ ...ok, amount: 1.5 }, body)).toBe(false);
    expect(conforms({ ...ok, title: 'abcdef' }, body)).toBe(false);
    expect(conforms({ ...ok, kind: 'c' }, body)).toBe(false);
    expect(conforms({ ...ok, parentId: 'nope' }, body)).toBe(false);
    expect(conforms({ ...ok, entries: [{ code: '1' }] }, body)).toBe(false);
    expect(conforms({ ...ok, entries: [{ code: '12' }, { code: '12' }, { code: '12' }] }, body)).toBe(false);
    expect(conforms({ ...ok, extra: 1 }, body)).toBe(false);
    expect(conforms({ amount: 1 }, body)).toBe(false);
    expect(conforms(null, body)).toBe(false);
    expect(conforms(5, { type: 'number', exclusiveMaximum: 5 })).toBe(false);
  });

  it('lists every field, array items at index 0, and every object', () => {
    expect(fieldsOf(body).map((f) => f.path.join('.'))).toEqual(['title', 'amount', 'kind', 'parentId', 'entries', 'entries.0.code']);
    expect(fieldsOf(body).find((f) => f.path.join('.') === 'entries.0.code')).toMatchObject({ required: true });
    expect(objectsOf(body).map((o) => o.path.join('.'))).toEqual(['', 'entries.0']);
  });

  it('sets and removes values at a path without touching the original', () => {
    const original = { a: { b: [1, 2] } };
    expect(setAt(original, ['a', 'b', 0], 'x')).toEqual({ a: { b: ['x', 2] } });
    expect(setAt(original, ['a', 'c'], undefined)).toEqual({ a: { b: [1, 2] } });
    expect(setAt(original, ['a', 'b'], undefined)).toEqual({ a: {} });
    expect(setAt({}, ['n', 0, 'k'], 1)).toEqual({ n: [{ k: 1 }] });
    expect(original).toEqual({ a: { b: [1, 2] } });
    expect(getAt(original, ['a', 'b', 1])).toBe(2);
  });
});
