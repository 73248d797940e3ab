import { confidentialByDefault, DEFAULT_INTAKE_POLICY, intakePolicyIssues, onlineQueueClock, onlineQueueState, respondedInTime } from './online-queue';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 2, 0, seconds));

describe('online queue', () => {
  it('gives a submission three minutes by default, with the warning a minute before', () => {
    const clock = onlineQueueClock(DEFAULT_INTAKE_POLICY, at(0));
    expect(clock.warnAt).toEqual(at(120));
    expect(clock.dueAt).toEqual(at(180));
    expect(onlineQueueState(clock, at(119))).toBe('waiting');
    expect(onlineQueueState(clock, at(120))).toBe('warning');
    expect(onlineQueueState(clock, at(180))).toBe('overdue');
    expect(onlineQueueState({ ...clock, decidedAt: at(200) }, at(300))).toBe('decided');
  });

  it('has no warning when the tenant sets none, and counts a decision at the limit as in time', () => {
    const clock = onlineQueueClock({ ...DEFAULT_INTAKE_POLICY, onlineWarningSeconds: 0 }, at(0));
    expect(clock.warnAt).toBeNull();
    expect(onlineQueueState(clock, at(179))).toBe('waiting');
    expect(respondedInTime({ ...clock, decidedAt: at(180) })).toBe(true);
    expect(respondedInTime({ ...clock, decidedAt: at(181) })).toBe(false);
    expect(respondedInTime(clock)).toBe(false);
  });

  it('refuses a warning at or after the limit', () => {
    expect(intakePolicyIssues({ ...DEFAULT_INTAKE_POLICY, onlineWarningSeconds: 180 })).toEqual([
      { field: 'onlineWarningSeconds', message: expect.any(String) },
    ]);
    expect(intakePolicyIssues({ ...DEFAULT_INTAKE_POLICY, onlineWarningSeconds: 0 })).toEqual([]);
  });

  it('keeps a reporter (举报) confidential by default, and no other type', () => {
    expect(confidentialByDefault(DEFAULT_INTAKE_POLICY, 'report')).toBe(true);
    expect(confidentialByDefault(DEFAULT_INTAKE_POLICY, 'complaint')).toBe(false);
    expect(confidentialByDefault({ ...DEFAULT_INTAKE_POLICY, confidentialTypes: [] }, 'report')).toBe(false);
  });
});
