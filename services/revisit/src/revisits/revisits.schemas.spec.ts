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
});
