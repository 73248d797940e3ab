import { isClosedStatus, LifecycleFact, nextStatus, RequestStatus, targetStatus } from './lifecycle';

const apply = (start: RequestStatus, facts: LifecycleFact[]) =>
  facts.reduce((status, fact) => nextStatus(status, fact) ?? status, start);

describe('request status transitions', () => {
  it('follows the main path', () => {
    expect(
      apply('registered', [
        { kind: 'queued-for-manual-dispatch' },
        { kind: 'dispatched' },
        { kind: 'work-order-created', fromPrimaryUnit: true },
        { kind: 'work-order-signed', fromPrimaryUnit: true },
        { kind: 'work-order-answered', fromPrimaryUnit: true },
        { kind: 'answer-reviewed', fromPrimaryUnit: true, passed: true },
        { kind: 'revisit-recorded' },
        { kind: 'request-closed' },
        { kind: 'request-archived' },
      ]),
    ).toBe('archived');
  });

  it('lets only the primary unit move the request', () => {
    expect(nextStatus('dispatched', { kind: 'work-order-signed', fromPrimaryUnit: false })).toBeUndefined();
    expect(nextStatus('in-progress', { kind: 'work-order-answered' })).toBeUndefined();
    expect(nextStatus('answered', { kind: 'answer-reviewed', fromPrimaryUnit: false, passed: true })).toBeUndefined();
    expect(nextStatus('answered', { kind: 'answer-reviewed', fromPrimaryUnit: true, passed: false })).toBeUndefined();
  });

  it('sends an answered request back to in-progress on rework, and only then', () => {
    expect(nextStatus('answered', { kind: 'work-order-reopened', fromPrimaryUnit: true })).toBe('in-progress');
    expect(nextStatus('reviewed', { kind: 'work-order-reopened', fromPrimaryUnit: true })).toBeUndefined();
    expect(nextStatus('answered', { kind: 'work-order-reopened', fromPrimaryUnit: false })).toBeUndefined();
    expect(nextStatus('in-progress', { kind: 'work-order-answered', fromPrimaryUnit: true })).toBe('answered');
  });

  it('never moves backwards for a late event from another stream', () => {
    expect(nextStatus('answered', { kind: 'dispatched' })).toBeUndefined();
    expect(nextStatus('dispatched', { kind: 'queued-for-manual-dispatch' })).toBeUndefined();
    expect(nextStatus('reviewed', { kind: 'work-order-answered', fromPrimaryUnit: true })).toBeUndefined();
    expect(nextStatus('closed', { kind: 'revisit-recorded' })).toBeUndefined();
    // An event that skips ahead is applied; the late one before it is then ignored.
    expect(apply('dispatched', [{ kind: 'work-order-answered', fromPrimaryUnit: true }, { kind: 'work-order-signed', fromPrimaryUnit: true }])).toBe(
      'answered',
    );
  });

  it('keeps requests closed at intake closed, except for archiving', () => {
    expect(nextStatus('not-accepted', { kind: 'dispatched' })).toBeUndefined();
    expect(nextStatus('not-accepted', { kind: 'request-closed' })).toBeUndefined();
    expect(nextStatus('not-accepted', { kind: 'request-archived' })).toBe('archived');
    expect(isClosedStatus('not-accepted')).toBe(true);
    expect(isClosedStatus('reviewed')).toBe(false);
  });

  it('sets no status for work-order creation and overdue flags', () => {
    expect(targetStatus({ kind: 'work-order-created', fromPrimaryUnit: true })).toBeUndefined();
    expect(targetStatus({ kind: 'work-order-overdue', fromPrimaryUnit: true })).toBeUndefined();
  });
});
