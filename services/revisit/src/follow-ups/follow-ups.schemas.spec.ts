import { openApiSchema } from '@hotline/platform';
import { JudgeEvaluationBody, judgementOf } from '../revisits/revisits.schemas';
import { CreateFollowUpBody, ListFollowUpsQuery, parseWithFollowUpId, ReportProgressBody, RevisitFollowUpBody } from './follow-ups.schemas';

const fieldsOf = (result: { error?: { issues: Array<{ path: (string | number)[] }> } }) =>
  (result.error?.issues.map((i) => i.path.join('.') || '(body)') ?? []).sort();

describe('follow-up input', () => {
  it('reads a judgement as reasonable, unreasonable or follow-up; the earlier boolean still works', () => {
    expect(judgementOf(JudgeEvaluationBody.parse({ reasonable: true, note: '路灯仍未修复' }))).toEqual({ judgement: 'reasonable', note: '路灯仍未修复', followUp: null });
    expect(judgementOf(JudgeEvaluationBody.parse({ reasonable: false, note: 'x' }))).toMatchObject({ judgement: 'unreasonable' });
    expect(judgementOf(JudgeEvaluationBody.parse({ judgement: 'follow-up', reasonable: false, reason: 'policy', followUpOn: '2026-03-01', note: ' 政策待出台 ' }))).toEqual({
      judgement: 'follow-up', note: '政策待出台', followUp: { reason: 'policy', followUpOn: '2026-03-01' },
    });
  });

  it('names every field a judgement gets wrong', () => {
    expect(fieldsOf(JudgeEvaluationBody.safeParse({ note: 'x' }))).toEqual(['judgement']);
    expect(fieldsOf(JudgeEvaluationBody.safeParse({ judgement: 'unreasonable', reasonable: true, note: 'x' }))).toEqual(['reasonable']);
    expect(fieldsOf(JudgeEvaluationBody.safeParse({ judgement: 'follow-up', note: 'x' }))).toEqual(['followUpOn', 'reason']);
    expect(fieldsOf(JudgeEvaluationBody.safeParse({ judgement: 'follow-up', reason: 'luck', followUpOn: '2026-13-01', note: 'x' }))).toEqual(['followUpOn', 'reason']);
    expect(fieldsOf(JudgeEvaluationBody.safeParse({ reasonable: true, reason: 'funding', followUpOn: '2026-03-01', note: 'x' }))).toEqual(['followUpOn', 'reason']);
  });

  it('checks a direct follow-up, a progress report and a revisit of a follow-up', () => {
    expect(CreateFollowUpBody.parse({ requestId: ' r1 ', reason: 'planning', followUpOn: '2026-03-01', note: ' 规划未批 ' })).toEqual({
      requestId: 'r1', reason: 'planning', followUpOn: '2026-03-01', note: '规划未批',
    });
    expect(fieldsOf(CreateFollowUpBody.safeParse({ reason: 'x', followUpOn: '1 March', note: '', more: 1 }))).toEqual(['(body)', 'followUpOn', 'note', 'reason', 'requestId']);
    expect(fieldsOf(ReportProgressBody.safeParse({ note: 'x'.repeat(1001) }))).toEqual(['note']);
    expect(RevisitFollowUpBody.parse({ note: '未解决', resolution: 'unresolved', nextFollowUpOn: '2026-06-01' })).toMatchObject({ nextFollowUpOn: '2026-06-01' });
    expect(fieldsOf(RevisitFollowUpBody.safeParse({ note: '已解决', resolution: 'resolved', nextFollowUpOn: '2026-06-01' }))).toEqual(['nextFollowUpOn']);
    expect(fieldsOf(RevisitFollowUpBody.safeParse({ note: 'x', resolution: 'fixed', satisfaction: 'happy' }))).toEqual(['resolution', 'satisfaction']);
    expect(fieldsOf(ListFollowUpsQuery.safeParse({ state: 'open', limit: '1e2' }))).toEqual(['limit', 'state']);
    expect(() => parseWithFollowUpId(ReportProgressBody, 'f1', {})).toThrow('invalid field(s): id, note');
  });

  it('documents the bodies from the same schemas', () => {
    expect(openApiSchema(JudgeEvaluationBody)).toMatchObject({ properties: { judgement: { enum: ['reasonable', 'unreasonable', 'follow-up'] } }, required: ['note'] });
    expect(openApiSchema(RevisitFollowUpBody)).toMatchObject({ required: ['note', 'resolution'] });
  });
});
