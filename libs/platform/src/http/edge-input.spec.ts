import { assertCleanInput, findBadText, MALFORMED_QUERY, MAX_JSON_DEPTH, parseJsonBody, parseStrictQuery } from './edge-input';
import { wholeNumber } from './schemas';

describe('text at the edge', () => {
  it('names each field holding a control character or a lone surrogate, in body, query and path', () => {
    expect(findBadText({ title: 'a\u0000b', requester: { name: 'x\u001by' }, list: ['ok', '\ud800'], fine: '行1\n\t行2\r\n😀' }).map((e) => e.field)).toEqual([
      'title',
      'requester.name',
      'list.1',
    ]);
    expect(findBadText({ ['k\u0000']: 1 })[0]?.field).toBe('"k\\u0000"');
    expect(findBadText('\u007f')[0]?.field).toBe('(body)');
    expect(findBadText('a\udc00')).toHaveLength(1);
    expect(findBadText('\u0085')).toHaveLength(1);
    expect(() => assertCleanInput({ query: { q: '\u0000' } })).toThrow(expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'query.q' })] }));
    expect(() => assertCleanInput({ params: { id: 'a\u0000' } })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'path.id' })] }));
    expect(() => assertCleanInput({ body: { a: 'ok' }, query: {}, params: {} })).not.toThrow();
  });

  it('stops at a depth no endpoint takes, without exhausting the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findBadText(deep)[0]?.message).toContain(`${MAX_JSON_DEPTH}`);
  });

  it('parses a JSON body only when it is non-empty UTF-8', () => {
    expect(parseJsonBody(Buffer.from('{"a":"å"}'), JSON.parse)).toEqual({ a: 'å' });
    expect(() => parseJsonBody(Buffer.alloc(0), JSON.parse)).toThrow(expect.objectContaining({ errors: [{ field: '(body)', message: expect.stringContaining('empty') }] }));
    expect(() => parseJsonBody(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), JSON.parse)).toThrow(expect.objectContaining({ errors: [{ field: '(body)', message: 'must be UTF-8' }] }));
    expect(() => parseJsonBody(Buffer.from('{"a":13812345678'), JSON.parse)).toThrow(expect.objectContaining({ errors: [{ field: '(body)', message: 'must be valid JSON' }] }));
  });

  it('parses a query like fastify, but lists what is not percent-encoded UTF-8 instead of guessing', () => {
    expect({ ...parseStrictQuery('a=1&b=x+y&a=2&c=%E4%B8%AD&d') }).toEqual({ a: ['1', '2'], b: 'x y', c: '中', d: '' });
    const bad = parseStrictQuery('note=%61%C0%AF%62&ok=1&x=%ZZ&y=%&%ED%A0%80=1&z=%F4%90%80%80');
    expect({ ...bad }).toEqual({ ok: '1' });
    expect(bad[MALFORMED_QUERY]).toEqual(['note', 'x', 'y', '%ED%A0%80', 'z']);
    expect(() => assertCleanInput({ query: bad })).toThrow(expect.objectContaining({ errors: expect.arrayContaining([{ field: 'query.note', message: 'must be percent-encoded UTF-8' }]) }));
  });

  it('reads whole numbers from digits only', () => {
    const n = wholeNumber(1, 100);
    expect(n.parse('7')).toBe(7);
    expect(n.parse(7)).toBe(7);
    for (const bad of [' 1', '1e1', '0x10', '', '1.5', '-1', '101', '0']) expect(n.safeParse(bad).success).toBe(false);
  });
});
