import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: '诉求' } })).toBe(
      '{"a":{"c":"诉求","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text for the same content whatever the key order', () => {
    const one = { tenantId: 't', sequence: 2, reviews: [{ passed: true, workOrderId: 'w' }] };
    const two = { reviews: [{ workOrderId: 'w', passed: true }], sequence: 2, tenantId: 't' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(JSON.parse(JSON.stringify(two)))).toBe(canonicalJson(one));
  });

  it('escapes strings as JSON does and leaves out undefined values', () => {
    expect(canonicalJson({ q: 'a"b\n', u: undefined } as never)).toBe('{"q":"a\\"b\\n"}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
  });
});
