import { createWorkingCalendar } from '@hotline/calendar';
import { DEFAULT_URGING_POLICY, isRepeatUrgeCircularDue, repeatUrgeCircularAt, urgeCircularAt, urgeNoticeAt } from './urging';

// Asia/Shanghai with the national holidays the calendar ships (2026: 国庆 10-01…10-07, make-up 10-10).
const calendar = createWorkingCalendar();
const at = (iso: string) => new Date(iso);

describe('the urging ladder (催办通知书 the working day after the due date, 通报 five working days later)', () => {
  it('a working-days due (end of Tue 03-03): notice at the start of Wed, circular at the end of the fifth working day after it', () => {
    const notice = urgeNoticeAt(calendar, at('2026-03-03T16:00:00Z'), DEFAULT_URGING_POLICY);
    expect(notice).toEqual(at('2026-03-03T16:00:00Z')); // Wed 03-04 00:00 in Shanghai
    expect(urgeCircularAt(calendar, notice, DEFAULT_URGING_POLICY)).toEqual(at('2026-03-11T16:00:00Z')); // end of Wed 03-11
  });

  it('an hours due (Fri 17:30): the notice waits for Monday, the circular skips the weekend', () => {
    const notice = urgeNoticeAt(calendar, at('2026-03-06T09:30:00Z'), DEFAULT_URGING_POLICY);
    expect(notice).toEqual(at('2026-03-08T16:00:00Z')); // Mon 03-09 00:00
    expect(urgeCircularAt(calendar, notice, DEFAULT_URGING_POLICY)).toEqual(at('2026-03-16T16:00:00Z')); // end of Mon 03-16
  });

  it('across 国庆: the notice on 10-08, and the make-up Saturday 10-10 counts as a working day', () => {
    const notice = urgeNoticeAt(calendar, at('2026-09-30T16:00:00Z'), DEFAULT_URGING_POLICY);
    expect(notice).toEqual(at('2026-10-07T16:00:00Z')); // Thu 10-08 00:00
    // 10-09 Fri, 10-10 Sat (make-up), 10-12 Mon, 10-13 Tue, 10-14 Wed.
    expect(urgeCircularAt(calendar, notice, DEFAULT_URGING_POLICY)).toEqual(at('2026-10-14T16:00:00Z'));
  });

  it("follows the tenant's counts", () => {
    const policy = { noticeAfterDueWorkingDays: 2, circularAfterNoticeWorkingDays: 1, circularAfterUrges: 2 };
    const notice = urgeNoticeAt(calendar, at('2026-03-03T16:00:00Z'), policy);
    expect(notice).toEqual(at('2026-03-04T16:00:00Z')); // Thu 03-05 00:00
    expect(urgeCircularAt(calendar, notice, policy)).toEqual(at('2026-03-06T16:00:00Z')); // end of Fri 03-06
  });
});

describe('催办两次仍未办理 → 通报', () => {
  it('counts urges of any level against the policy; 0 turns it off', () => {
    expect(isRepeatUrgeCircularDue(1, DEFAULT_URGING_POLICY)).toBe(false);
    expect(isRepeatUrgeCircularDue(2, DEFAULT_URGING_POLICY)).toBe(true);
    expect(isRepeatUrgeCircularDue(5, { circularAfterUrges: 0 })).toBe(false);
  });

  it('circulates at the end of the working day after the last urge, or after the due date when urged before it', () => {
    const due = at('2026-03-03T16:00:00Z'); // end of Tue 03-03
    expect(repeatUrgeCircularAt(calendar, at('2026-03-05T02:00:00Z'), due)).toEqual(at('2026-03-06T16:00:00Z')); // urged Thu → end of Fri 03-06
    expect(repeatUrgeCircularAt(calendar, at('2026-03-02T02:00:00Z'), due)).toEqual(at('2026-03-04T16:00:00Z')); // urged Mon → end of Wed 03-04
    expect(repeatUrgeCircularAt(calendar, at('2026-03-06T02:00:00Z'), due)).toEqual(at('2026-03-09T16:00:00Z')); // urged Fri → end of Mon 03-09
  });
});
