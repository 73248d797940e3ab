import { QUEUE_URGENCY_ORDER, queueUrgencyRank } from './queue';

describe('manual-dispatch queue order', () => {
  it('serves 特急, then 紧急, then 一般; an unknown urgency counts as 一般', () => {
    expect(QUEUE_URGENCY_ORDER).toEqual(['critical', 'urgent', 'normal']);
    expect(['normal', 'critical', 'urgent', 'soon'].map(queueUrgencyRank)).toEqual([3, 1, 2, 3]);
  });
});
