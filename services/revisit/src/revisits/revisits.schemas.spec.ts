import { RecordRevisitBody } from './revisits.schemas';

describe('revisit input', () => {
  it('takes the vocabulary’s methods and satisfaction levels', () => {
    expect(RecordRevisitBody.parse({ requestId: ' r1 ', method: 'online', resolved: false, satisfaction: 'basically-satisfied' })).toEqual({
      requestId: 'r1', method: 'online', resolved: false, satisfaction: 'basically-satisfied',
    });
    const bad = RecordRevisitBody.safeParse({ requestId: '', method: 'letter', resolved: 'yes', satisfaction: '满意', x: 1 });
    expect(bad.error?.issues.map((i) => i.path.join('.') || '(body)')).toEqual(
      expect.arrayContaining(['requestId', 'method', 'resolved', 'satisfaction', '(body)']),
    );
  });

  it('takes the hotline’s own check (respondent hotline) with a note and without satisfaction, and asks others for satisfaction', () => {
    expect(RecordRevisitBody.parse({ requestId: 'r1', method: 'phone', resolution: 'resolved', respondent: 'hotline', note: ' 已电话核实承办单位 ' })).toEqual({
      requestId: 'r1', method: 'phone', resolution: 'resolved', respondent: 'hotline', note: '已电话核实承办单位',
    });
    const fields = (body: unknown) => RecordRevisitBody.safeParse(body).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(fields({ requestId: 'r1', method: 'phone', resolution: 'resolved', respondent: 'hotline', satisfaction: 'satisfied' })).toEqual(['satisfaction', 'note']);
    expect(fields({ requestId: 'r1', method: 'phone', resolution: 'resolved', respondent: 'requester' })).toEqual(['satisfaction']);
    expect(fields({ requestId: 'r1', method: 'phone', resolution: 'resolved', respondent: 'hotline', note: 'x'.repeat(501) })).toEqual(['note']);
  });
});
