import { DEFAULT_LOOKUP_LOCKOUT, lookupLockedUntil, secondsUntil } from './lookup-lockout';

const NOW = new Date('2025-01-24T10:00:00Z');
const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(NOW.getTime() - m * 60_000));

describe('public lookup lockout', () => {
  it('stays open below the maximum of wrong codes within the window', () => {
    expect(lookupLockedUntil([], DEFAULT_LOOKUP_LOCKOUT, NOW)).toBeUndefined();
    expect(lookupLockedUntil(minutesAgo(0, 1, 2, 3), DEFAULT_LOOKUP_LOCKOUT, NOW)).toBeUndefined();
  });

  it('locks at the fifth wrong code until the oldest of the five is 15 minutes old', () => {
    expect(lookupLockedUntil(minutesAgo(0, 1, 2, 3, 4), DEFAULT_LOOKUP_LOCKOUT, NOW)).toEqual(new Date('2025-01-24T10:11:00Z'));
    // More than five (a smaller maximum configured since): the fifth newest decides.
    expect(lookupLockedUntil(minutesAgo(0, 1, 2, 3, 10, 14), DEFAULT_LOOKUP_LOCKOUT, NOW)).toEqual(new Date('2025-01-24T10:05:00Z'));
  });

  it('opens again once the oldest counted code has left the window', () => {
    expect(lookupLockedUntil(minutesAgo(1, 2, 3, 4, 15), DEFAULT_LOOKUP_LOCKOUT, NOW)).toBeUndefined();
    expect(lookupLockedUntil(minutesAgo(0, 0, 0), { maxWrongCodes: 3, windowMinutes: 1 }, new Date(NOW.getTime() + 60_000))).toBeUndefined();
  });

  it('says how many whole seconds to wait, at least one', () => {
    expect(secondsUntil(new Date(NOW.getTime() + 90_500), NOW)).toBe(91);
    expect(secondsUntil(new Date(NOW.getTime() + 10), NOW)).toBe(1);
  });
});
