import { PutTimeLimitsBody } from './time-limits.schemas';
import { toTimeLimitsView } from './time-limits.views';

const paths = (input: unknown) => (PutTimeLimitsBody.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
const rule = (extra: object = {}) => ({
  requestType: 'help',
  urgency: 'normal',
  signFor: { unit: 'working-days', amount: 1 },
  handling: { unit: 'working-days', amount: 10 },
  ...extra,
});

describe('time-limit table schema and view', () => {
  it('keeps a rule without counting without one, and a named counting as named', () => {
    expect(PutTimeLimitsBody.parse({ rules: [rule()] }).rules[0]?.signFor).toEqual({ unit: 'working-days', amount: 1 });
    const gz = PutTimeLimitsBody.parse({ rules: [rule({ handling: { unit: 'working-days', amount: 10, counting: 'from-receipt' } })] });
    expect(gz.rules[0]?.handling.counting).toBe('from-receipt');
  });

  it('names the field of each bad rule', () => {
    expect(paths({ rules: [rule({ signFor: { unit: 'calendar-minutes', amount: 5, counting: 'from-next-day' } })] })).toEqual([
      'rules.0.signFor.counting',
    ]);
    expect(paths({ rules: [rule(), rule()] })).toEqual(['rules.1']);
    expect(paths({ rules: [rule({ urgency: 'soon', signFor: { unit: 'weeks', amount: 0 } })] })).toEqual([
      'rules.0.urgency', 'rules.0.signFor.unit', 'rules.0.signFor.amount',
    ]);
  });

  it('states the default counting beside the table', () => {
    expect(toTimeLimitsView([])).toEqual({ items: [], defaultCounting: 'from-next-day' });
  });
});
