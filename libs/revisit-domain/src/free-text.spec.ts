import { sha256Hex } from './archive-chain';
import { CASE_FILE_FORMAT } from './archive-record';
import { maskFreeText } from './free-text';

// Test values: a resident id with a valid check digit, a Luhn-valid UnionPay card.
const ID = '110101199003074514';
const CARD = '6222021234567890128';

describe('free text masked in case files and archive records', () => {
  it('masks every free-text field of a case-file record, at any depth, and nothing else', () => {
    const record = {
      format: CASE_FILE_FORMAT, sequence: 4, requestId: '0190a0a0-0000-7000-8000-000000000001', archivedAt: '2025-01-26T01:00:00.000Z',
      request: { number: '3201-20250124-000042', title: '电话13812345678', content: `身份证${ID}`, areaCode: '320104001001',
        requester: { maskedName: '张*', maskedPhone: '138****5678' } },
      workOrders: [{ unitName: '住建局', answers: [{ answer: `退款到卡${CARD}`, basis: '条例', contactRecord: '致电 139-0000-1111',
        review: { status: 'failed', reasons: ['回电 025-84561234', '未说明依据'], reviewedBy: 'city-a:reviewer' } }] }],
      closure: { outcome: 'direct-answer', detail: '已告知 zhang.san@example.com', closedBy: 'agent-1' },
    };
    expect(maskFreeText(record)).toEqual({
      ...record,
      request: { ...record.request, title: '电话138****5678', content: '身份证110101********4514' },
      workOrders: [{ unitName: '住建局', answers: [{ answer: '退款到卡6222********0128', basis: '条例', contactRecord: '致电 139****1111',
        review: { status: 'failed', reasons: ['回电 025-****1234', '未说明依据'], reviewedBy: 'city-a:reviewer' } }] }],
      closure: { ...record.closure, detail: '已告知 z***@example.com' },
    });
    expect(record.request.title).toBe('电话13812345678'); // the input is left as it was
  });

  it('masks the reasons of an early summary record and leaves its answer hash alone', () => {
    // A hash may hold a digit run that looks like a phone between its letters: it is no free text.
    const hash = `ab13812345678c${sha256Hex('x').slice(14)}`;
    const summary = { sequence: 1, answerSha256: hash, reviews: [{ workOrderId: 'wo-1', passed: false, reasons: ['请回电13812345678'] }] };
    expect(maskFreeText(summary)).toEqual({ ...summary, reviews: [{ workOrderId: 'wo-1', passed: false, reasons: ['请回电138****5678'] }] });
  });

  it('gives the same value for text already masked, and for values with nothing to mask', () => {
    const masked = { title: '电话138****5678', content: '身份证110101********4514', detail: null, reasons: [] };
    expect(maskFreeText(masked)).toEqual(masked);
    expect(maskFreeText(null)).toBeNull();
    expect(maskFreeText([{ answer: '已处理' }, 3, 'x13812345678'])).toEqual([{ answer: '已处理' }, 3, 'x13812345678']);
  });
});
