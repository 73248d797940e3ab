import { createHash } from 'node:crypto';
import { chainRecord, GENESIS_HASH, recordHash, sha256Hex } from './archive-chain';
import { CASE_FILE_FORMAT } from './archive-record';
import { canonicalJson, JsonValue } from './canonical-json';
import { StoredLink, verifyChain } from './chain-verifier';

/** A record in the summary format the archive kept before case files (still in old chains). */
const record = (sequence: number, overrides: Record<string, JsonValue> = {}): Record<string, JsonValue> => ({
  tenantId: 'city-a',
  sequence,
  requestId: `req-${sequence}`,
  archivedAt: '2025-01-24T02:00:00.000Z',
  closedAt: '2025-01-24T02:00:00.000Z',
  resolved: true,
  satisfaction: 'satisfied',
  method: 'phone',
  primaryUnitId: 'unit-1',
  reviews: [{ workOrderId: 'wo-1', passed: true, reasons: [] }],
  answerSha256: sha256Hex('已处理'),
  ...overrides,
});

/** A record in the case-file format (only the keys the chain looks at matter here). */
const caseRecord = (sequence: number): Record<string, JsonValue> => ({
  format: CASE_FILE_FORMAT, tenantId: 'city-a', sequence, requestId: `req-${sequence}`, archivedAt: '2025-02-01T02:00:00.000Z',
  request: null, dispatches: [], workOrders: [], revisit: null,
  closure: { closedAt: '2025-02-01T02:00:00.000Z', closedBy: 'agent-1', outcome: 'direct-answer', detail: '已当场答复' },
});

function chain(n: number, make: (sequence: number) => Record<string, JsonValue> = record): StoredLink[] {
  const links: StoredLink[] = [];
  let previous = GENESIS_HASH;
  for (let s = 1; s <= n; s += 1) {
    const link = chainRecord(previous, make(s));
    links.push({ sequence: s, record: JSON.parse(JSON.stringify(link.record)), previousHash: link.previousHash, recordHash: link.recordHash });
    previous = link.recordHash;
  }
  return links;
}

describe('archive hashing', () => {
  it('hashes the previous hash, a newline and the canonical record', () => {
    const r = record(1);
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonicalJson(r)}`).digest('hex');
    expect(recordHash(GENESIS_HASH, r)).toBe(expected);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('links each record to the one before', () => {
    const [first, second] = chain(2);
    expect(first!.previousHash).toBe(GENESIS_HASH);
    expect(second!.previousHash).toBe(first!.recordHash);
    expect(recordHash(GENESIS_HASH, record(1, { resolved: false }))).not.toBe(first!.recordHash);
  });
});

describe('verifyChain', () => {
  it('accepts an empty chain and an intact one', () => {
    expect(verifyChain([])).toEqual({ intact: true, records: 0 });
    expect(verifyChain(chain(5))).toEqual({ intact: true, records: 5 });
  });

  it('verifies a chain whose early summary records are followed by case-file records', () => {
    const links = chain(4, (s) => (s <= 2 ? record(s) : caseRecord(s)));
    expect(verifyChain(links)).toEqual({ intact: true, records: 4 });
    (links[3]!.record as Record<string, JsonValue>)['closure'] = { closedAt: 'x', closedBy: 'y', outcome: 'explained', detail: null };
    expect(verifyChain(links)).toMatchObject({ intact: false, firstBrokenSequence: 4 });
  });

  it('reports an edited record at its own sequence', () => {
    const links = chain(4);
    (links[2]!.record as Record<string, JsonValue>)['satisfaction'] = 'dissatisfied';
    expect(verifyChain(links)).toEqual({
      intact: false, records: 4, firstBrokenSequence: 3, reason: 'record hash does not match its content',
    });
  });

  it('reports a record whose hash was recomputed at the next link', () => {
    const links = chain(4);
    const edited = { ...(links[1]!.record as Record<string, JsonValue>), resolved: false };
    links[1] = { ...links[1]!, record: edited, recordHash: recordHash(links[1]!.previousHash, edited) };
    expect(verifyChain(links)).toMatchObject({ intact: false, firstBrokenSequence: 3, reason: expect.stringContaining('previous hash') });
  });

  it('reports gaps, deletions and a record moved to another position', () => {
    const gap = chain(4).filter((l) => l.sequence !== 2);
    expect(verifyChain(gap)).toMatchObject({ intact: false, records: 3, firstBrokenSequence: 3 });
    const renumbered = chain(2);
    renumbered[1] = { ...renumbered[1]!, sequence: 1 };
    expect(verifyChain(renumbered)).toMatchObject({ intact: false, firstBrokenSequence: 1 });
    const links = chain(2);
    links[1] = { ...links[1]!, record: { ...(links[1]!.record as Record<string, JsonValue>), sequence: 7 } };
    expect(verifyChain(links)).toMatchObject({ intact: false, firstBrokenSequence: 2, reason: expect.stringContaining('sequence') });
  });

  it('reports a forged genesis link', () => {
    const links = chain(1);
    links[0] = { ...links[0]!, previousHash: 'f'.repeat(64) };
    expect(verifyChain(links)).toMatchObject({ intact: false, firstBrokenSequence: 1 });
  });
});
