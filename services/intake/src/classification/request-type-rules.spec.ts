import { suggestRequestType, suggestUrgency } from './request-type-rules';

describe('request type and urgency by keyword rules', () => {
  it('takes the type with the most cues, report before complaint on a tie', () => {
    expect(suggestRequestType('投诉物业', '物业乱收费，态度差').code).toBe('complaint');
    expect(suggestRequestType(undefined, '举报某工地夜间偷排污水').code).toBe('report');
    expect(suggestRequestType(undefined, '我要投诉并举报这家店').code).toBe('report');
    expect(suggestRequestType(undefined, '建议在路口增设红绿灯').code).toBe('suggestion');
    expect(suggestRequestType(undefined, '请问居住证怎么办理，需要什么材料').code).toBe('consultation');
    expect(suggestRequestType(undefined, '感谢社区工作人员，特此表扬').code).toBe('praise');
    expect(suggestRequestType(undefined, '老人走失，求助').code).toBe('help');
  });

  it('falls back to consultation with a low probability when nothing matches, and gives the cues', () => {
    const none = suggestRequestType(undefined, '小区门口的路灯');
    expect(none).toMatchObject({ code: 'consultation', cues: [] });
    const complaint = suggestRequestType(undefined, '投诉：楼下饭店噪音扰民');
    expect(complaint.cues.sort()).toEqual(['噪音', '扰民', '投诉'].sort());
    expect(complaint.probability).toBeGreaterThan(none.probability);
    expect(complaint.probability).toBeLessThan(1);
  });

  it('puts critical above urgent whatever the count, and normal without cues', () => {
    expect(suggestUrgency(undefined, '家里漏水，楼道积水，还停电了').code).toBe('urgent');
    expect(suggestUrgency('电梯故障', '有人被困，电梯还停电了，楼道积水').code).toBe('critical');
    expect(suggestUrgency(undefined, '厨房闻到燃气味').code).toBe('critical');
    expect(suggestUrgency(undefined, '我们小区什么时候能通天然气')).toMatchObject({ code: 'normal', cues: [] });
  });
});
