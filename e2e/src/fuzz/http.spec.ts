import { curlOf } from './http';
import { percentEncoded, UNICODE_CASES } from './unicode';

describe('curl lines', () => {
  it('reads the token from the demo tokens of `npm start` and keeps the path as it is', () => {
    const line = curlOf(
      { service: 'intake', method: 'GET', target: '/v1/requests/../x?limit=abc', headers: { authorization: 'Bearer eyJ' }, token: { tenant: 'city-3201', key: 'agent' } },
      3001,
    );
    expect(line).toBe(
      `curl -sS --path-as-is -X GET 'http://127.0.0.1:3001/v1/requests/../x?limit=abc' -H "authorization: Bearer $(node -p \\"require('./.local/demo-tokens.json')['city-3201']['agent']\\")"`,
    );
  });

  it('sends bytes that are not printable through printf, and no content type when the case sends none', () => {
    const line = curlOf({ service: 'intake', method: 'POST', target: '/v1/x', headers: {}, body: Buffer.from([0x7b, 0x00, 0xff, 0x27, 0x7d]) }, 3001);
    expect(line).toBe(`printf '%b' '{\\x00\\xff\\x27}' | curl -sS --path-as-is -X POST 'http://127.0.0.1:3001/v1/x' -H 'content-type:' --data-binary @-`);
  });

  it('points at a file for a long body', () => {
    const line = curlOf({ service: 'intake', method: 'PUT', target: '/v1/x', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(5000, 0x61) }, 3001, 'tmp/fuzz/c.body');
    expect(line.endsWith(`--data-binary @tmp/fuzz/c.body`)).toBe(true);
  });
});

describe('unicode cases', () => {
  it('percent-encodes a lone surrogate as the bytes it would take, and raw bytes as they are', () => {
    const lone = UNICODE_CASES.find((u) => u.label.startsWith('lone high'));
    expect(percentEncoded(lone!)).toBe('a%ED%A0%80b');
    const raw = UNICODE_CASES.find((u) => u.label === 'raw bytes: FF');
    expect(percentEncoded(raw!)).toBe('%61%FF%62');
  });

  it('refuses exactly the controls other than tab, CR and LF, lone surrogates and bytes that are not UTF-8', () => {
    const refusedByRule = (t: string) =>
      // eslint-disable-next-line no-control-regex -- the rule under test
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(t) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t);
    for (const u of UNICODE_CASES) expect([u.label, u.refused]).toEqual([u.label, u.bytes ? true : refusedByRule(u.text ?? '')]);
  });
});
