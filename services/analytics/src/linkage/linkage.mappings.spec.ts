import { decidedTransferOf, offeredTransferOf } from './linkage.mappings';

const published = new Date('2026-03-02T16:30:00Z'); // 00:30 on 03-03 in Shanghai

describe('interconnect transfer facts from intake events', () => {
  it('counts an offer on its local day (Asia/Shanghai), outgoing and pending', () => {
    const fact = offeredTransferOf(
      { transferId: 't1', requestId: 'r1', counterpart: '110', method: 'one-key-transfer', offeredAt: '2026-03-02T15:59:59Z', offeredBy: 'a', listItemCode: '' },
      published,
    );
    expect(fact).toMatchObject({ direction: 'outgoing', state: 'offered', day: '2026-03-02', decidedAt: null, declineReason: null });
  });

  it('falls back to the publication time when the event carries no readable time', () => {
    const fact = decidedTransferOf(
      { transferId: 't2', requestId: 'r2', direction: 'incoming', counterpart: '110', method: 'system-push', state: 'accepted', declineReason: '', offeredAt: '2026-02-30T10:00:00Z', decidedAt: '', counterpartRef: 'JQ' },
      published,
    );
    expect(fact).toMatchObject({ direction: 'incoming', day: '2026-03-03', offeredAt: published, decidedAt: published, declineReason: null });
  });

  it("keeps a decline's reason, 'other' when none was given, and no reason on any other outcome", () => {
    const decided = (state: string, declineReason: string) =>
      decidedTransferOf(
        { transferId: 't3', requestId: 'r3', direction: 'outgoing', counterpart: '110', method: 'three-party-call', state, declineReason, offeredAt: '2026-03-02T01:00:00Z', decidedAt: '2026-03-02T01:00:20Z', counterpartRef: '' },
        published,
      ).declineReason;
    expect(decided('declined', 'duplicate')).toBe('duplicate');
    expect(decided('declined', '')).toBe('other');
    expect(decided('expired', 'duplicate')).toBeNull();
  });
});
