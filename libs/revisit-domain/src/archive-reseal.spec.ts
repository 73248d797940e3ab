import { chainRecord, GENESIS_HASH } from './archive-chain';
import { BrokenChainError, ChainResealer, RESEAL_FORMAT } from './archive-reseal';
import { JsonValue } from './canonical-json';
import { StoredLink, verifyChain } from './chain-verifier';

const summary = (sequence: number, reason: string): JsonValue => ({
  tenantId: 'city-a', sequence, requestId: `req-${sequence}`, reviews: [{ workOrderId: `wo-${sequence}`, passed: false, reasons: [reason] }],
});

function chain(reasons: string[]): StoredLink[] {
  let previous = GENESIS_HASH;
  return reasons.map((reason, i) => {
    const link = chainRecord(previous, summary(i + 1, reason));
    previous = link.recordHash;
    return { sequence: i + 1, ...link };
  });
}

/** The chain after re-sealing: every rewritten link in place, then the re-seal entry. */
function reseal(links: StoredLink[]) {
  const resealer = new ChainResealer('city-a');
  const rewritten = links.map((link) => resealer.next(link));
  const stored = links.map((link, i) => {
    const next = rewritten[i];
    return next ? { sequence: link.sequence, ...next } : link;
  });
  const seal = resealer.seal('2026-01-01T00:00:00.000Z', 'upgrade:test');
  return { rewritten, stored, seal, chainAfter: seal ? [...stored, { sequence: stored.length + 1, ...seal }] : stored };
}

describe('re-sealing a chain whose records were masked', () => {
  it('rewrites the masked records and every link after the first, then records the previous head', () => {
    const links = chain(['未说明依据', '请回电13812345678', '已核实', '身份证110101199003074514', '已核实']);
    const { rewritten, chainAfter, seal } = reseal(links);
    expect(rewritten[0]).toBeNull();
    expect(rewritten.slice(1).every((link) => link !== null)).toBe(true);
    expect(JSON.stringify(chainAfter)).not.toMatch(/13812345678|110101199003074514/);
    expect(seal?.record).toEqual({
      format: RESEAL_FORMAT, tenantId: 'city-a', sequence: 6, resealedAt: '2026-01-01T00:00:00.000Z', reason: 'personal-data-masked',
      resealedBy: 'upgrade:test', previousHead: { sequence: 5, recordHash: links[4]!.recordHash }, maskedSequences: [[2, 2], [4, 4]],
    });
    expect(verifyChain(chainAfter)).toEqual({ intact: true, records: 6 });
  });

  it('merges consecutive masked sequences into one range', () => {
    const { seal } = reseal(chain(['13812345678', '13912345678', 'x', '13712345678']));
    expect(seal?.record.maskedSequences).toEqual([[1, 2], [4, 4]]);
  });

  it('leaves a chain with nothing to mask exactly as it is, without an entry', () => {
    const { rewritten, seal } = reseal(chain(['未说明依据', '已核实']));
    expect(rewritten).toEqual([null, null]);
    expect(seal).toBeNull();
    expect(new ChainResealer('city-empty').seal('2026-01-01T00:00:00.000Z', 'upgrade:test')).toBeNull();
  });

  it('refuses to re-seal a chain that no longer verifies, naming where it broke', () => {
    const links = chain(['13812345678', '已核实', '已核实']);
    links[1] = { ...links[1]!, record: summary(2, '已核实（改）') };
    const resealer = new ChainResealer('city-t');
    expect(resealer.next(links[0]!)).not.toBeNull();
    expect(() => resealer.next(links[1]!)).toThrow(BrokenChainError);
    expect(() => new ChainResealer('city-t').next(links[1]!)).toThrow(/city-t is broken at sequence 2/);
  });
});
