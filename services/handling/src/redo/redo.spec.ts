import { WORK_ORDER_STATUSES } from '@hotline/vocabulary';
import { redoRefusal } from './redo';

describe('重办 after a reasonable complaint', () => {
  it('reopens a reviewed order only, and only when the complaint was judged reasonable', () => {
    expect(redoRefusal(true, 'reviewed')).toBeUndefined();
    expect(redoRefusal(false, 'reviewed')).toMatch(/unreasonable/);
    for (const status of WORK_ORDER_STATUSES.filter((s) => s !== 'reviewed')) expect(redoRefusal(true, status)).toMatch(/not reviewed/);
  });
});
