import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { chainRecord, GENESIS_HASH } from './archive-chain';
import {
  ANONYMISATION_FORMAT,
  AnonymisationRecord,
  anonymisedRecordHash,
  anonymiseRecord,
  checkAnonymisationEntry,
} from './archive-anonymisation';
import { verifyChain } from './chain-verifier';

const record = {
  format: 'case-file/2', tenantId: 'city-a', sequence: 1, requestId: 'r1', archivedAt: '2025-01-24T02:00:00.000Z',
  request: { number: '3201-1', title: '路灯不亮', content: '联系 13800001111', requester: { maskedName: '张*', maskedPhone: '138****1111', anonymous: false, confidential: false } },
  workOrders: [{ workOrderId: 'w1', answers: [{ answer: '已修复', basis: '', contactRecord: '电话联系', review: { status: 'failed', reasons: ['未说明依据', ''] } }] }],
  revisit: { outcome: 'evaluated', satisfaction: 'satisfied', judgement: { judgement: 'reasonable', note: '合理' } },
  closure: { closedAt: '2025-01-24T02:00:00.000Z', outcome: 'evaluated', detail: null },
};

describe('archive anonymisation', () => {
  it('removes identity and free text as the scope says, keeping shapes, codes, ids and instants', () => {
    const both = anonymiseRecord(record, { identity: true, freeText: true });
    expect(both.request).toEqual({
      number: '3201-1', title: ANONYMISED_MARKER, content: ANONYMISED_MARKER,
      requester: { maskedName: ANONYMISED_MARKER, maskedPhone: ANONYMISED_MARKER, anonymous: false, confidential: false },
    });
    expect(both.workOrders[0]!.answers[0]).toEqual({
      answer: ANONYMISED_MARKER, basis: '', contactRecord: ANONYMISED_MARKER, review: { status: 'failed', reasons: [ANONYMISED_MARKER, ''] },
    });
    expect(both.revisit.judgement).toEqual({ judgement: 'reasonable', note: ANONYMISED_MARKER });
    expect(both.closure).toEqual(record.closure);
    expect(anonymiseRecord(both, { identity: true, freeText: true })).toEqual(both);
    expect(anonymiseRecord(record, { identity: true, freeText: false }).request).toMatchObject({ title: '路灯不亮', requester: { maskedName: ANONYMISED_MARKER } });
    expect(anonymiseRecord(record, { identity: false, freeText: false })).toEqual(record);
  });

  it('verifies an anonymised link by its seal and its entry, and fails a changed one', () => {
    const first = chainRecord(GENESIS_HASH, record);
    const anonymised = anonymiseRecord(record, { identity: true, freeText: true });
    const seal = anonymisedRecordHash(first.recordHash, anonymised);
    const entry: AnonymisationRecord = {
      format: ANONYMISATION_FORMAT, tenantId: 'city-a', sequence: 2, anonymisedAt: '2035-01-01T00:00:00.000Z', runId: 'run',
      reason: 'retention-period-ended', scope: { identity: true, freeText: true }, records: [{ sequence: 1, requestId: 'r1', anonymisedHash: seal }],
    };
    const second = chainRecord(first.recordHash, entry);
    const links = (r: typeof anonymised, anonymisedIn: number | null = 2) => [
      { sequence: 1, record: r, previousHash: GENESIS_HASH, recordHash: first.recordHash, anonymisedHash: seal, anonymisedIn },
      { sequence: 2, record: entry, previousHash: second.previousHash, recordHash: second.recordHash },
    ];
    expect(verifyChain(links(anonymised))).toEqual({ intact: true, records: 2 });
    const forged = { ...anonymised, revisit: { ...anonymised.revisit, satisfaction: 'dissatisfied' } };
    expect(verifyChain(links(forged))).toMatchObject({ intact: false, firstBrokenSequence: 1, reason: 'anonymised record does not match its anonymisation hash' });
    expect(verifyChain(links(anonymised, 1))).toMatchObject({ firstBrokenSequence: 1, reason: 'anonymised record names no later anonymisation entry' });
    expect(verifyChain(links(anonymised, 3))).toMatchObject({ firstBrokenSequence: 1, reason: 'anonymised record names no anonymisation entry in the chain' });
    expect(verifyChain([{ ...links(anonymised)[0]!, anonymisedIn: 2 }, { ...links(anonymised)[1]!, record: { ...record, sequence: 2 } }])).toMatchObject({
      intact: false, firstBrokenSequence: 2,
    });
  });

  it('checks an entry against the links that name it', () => {
    const entry = { format: ANONYMISATION_FORMAT, sequence: 5, records: [{ sequence: 1, anonymisedHash: 'a' }, { sequence: 3, anonymisedHash: 'b' }] } as AnonymisationRecord;
    expect(checkAnonymisationEntry(entry, [{ sequence: 1, anonymisedHash: 'a' }, { sequence: 3, anonymisedHash: 'b' }])).toBeUndefined();
    expect(checkAnonymisationEntry(entry, [{ sequence: 1, anonymisedHash: 'a' }])).toMatch(/differ/);
    expect(checkAnonymisationEntry(entry, [{ sequence: 1, anonymisedHash: 'a' }, { sequence: 3, anonymisedHash: 'x' }])).toMatch(/does not seal record 3/);
    expect(checkAnonymisationEntry({ ...entry, records: [{ sequence: 5, requestId: 'r', anonymisedHash: 'a' }] }, [])).toMatch(/not before it/);
  });
});
