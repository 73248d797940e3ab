import { erasureRetryDelaySeconds } from './erasure';

describe('the backoff of a failed erasure', () => {
  it('doubles from 2 s and stays at an hour, never giving up', () => {
    expect([1, 2, 3, 4, 5].map(erasureRetryDelaySeconds)).toEqual([2, 4, 8, 16, 32]);
    expect(erasureRetryDelaySeconds(12)).toBe(3600);
    expect(erasureRetryDelaySeconds(1000)).toBe(3600);
    expect(erasureRetryDelaySeconds(0)).toBe(2);
  });
});
