import { SCOPE_DECISIONS } from '@hotline/vocabulary';
import { closingDetail, isDispatched, isOutOfScope, missingScopeFields, unexpectedScopeFields } from './scope';

describe('scope decision', () => {
  it('dispatches only in-scope requests', () => {
    expect(SCOPE_DECISIONS.filter(isDispatched)).toEqual(['in-scope']);
    expect(SCOPE_DECISIONS.filter(isOutOfScope)).toEqual(['transfer-emergency', 'legal-route', 'explained', 'refer-police', 'terminated-matter']);
  });

  it('requires an answer for direct-answer and a reason for out-of-scope outcomes', () => {
    expect(missingScopeFields({ decision: 'in-scope' })).toEqual([]);
    expect(missingScopeFields({ decision: 'direct-answer' })).toEqual(['answer']);
    expect(missingScopeFields({ decision: 'direct-answer', answer: '  ' })).toEqual(['answer']);
    expect(missingScopeFields({ decision: 'legal-route' })).toEqual(['reason']);
    expect(missingScopeFields({ decision: 'refer-police', reason: '恶意骚扰' })).toEqual([]);
  });

  it('requires the terminated request, and no reason, for a repeat of a terminated matter', () => {
    expect(missingScopeFields({ decision: 'terminated-matter' })).toEqual(['terminatedRequestId']);
    expect(missingScopeFields({ decision: 'terminated-matter', terminatedRequestId: 'r1' })).toEqual([]);
    expect(unexpectedScopeFields({ decision: 'terminated-matter', terminatedRequestId: 'r1', reason: '重复' })).toEqual(['reason']);
    expect(unexpectedScopeFields({ decision: 'legal-route', reason: '诉讼', terminatedRequestId: 'r1' })).toEqual(['terminatedRequestId']);
    expect(unexpectedScopeFields({ decision: 'in-scope' })).toEqual([]);
  });

  it('closes with the answer or the reason as detail', () => {
    expect(closingDetail({ decision: 'direct-answer', answer: ' 办理时间为工作日 ' })).toBe('办理时间为工作日');
    expect(closingDetail({ decision: 'explained', reason: '涉及商业秘密', answer: 'x' })).toBe('涉及商业秘密');
  });
});
