import { leadAnswerRefusal, owesInput, releaseRefusal, ShareOfRequest } from './co-handling';

const share = (role: ShareOfRequest['role'], status: ShareOfRequest['status'], unitName = '区住建局'): ShareOfRequest => ({ role, status, unitName });

describe('co-handling', () => {
  it('has an assisting order owe its input until it gives it or is cancelled', () => {
    expect(owesInput(share('assisting', 'awaiting-sign'))).toBe(true);
    expect(owesInput(share('assisting', 'in-progress'))).toBe(true);
    expect(owesInput(share('assisting', 'input-given'))).toBe(false);
    expect(owesInput(share('assisting', 'cancelled'))).toBe(false);
    expect(owesInput(share('primary', 'in-progress'))).toBe(false);
  });

  it('lets the lead answer only when no assisting unit owes its input, naming those that do', () => {
    expect(leadAnswerRefusal([share('primary', 'in-progress')])).toBeUndefined();
    expect(leadAnswerRefusal([share('primary', 'in-progress'), share('assisting', 'input-given'), share('assisting', 'cancelled')])).toBeUndefined();
    const refusal = leadAnswerRefusal([share('primary', 'in-progress'), share('assisting', 'in-progress', '街道办'), share('assisting', 'awaiting-sign', '区城管局')]);
    expect(refusal).toContain('街道办、区城管局');
  });

  it('releases only an assisting order that still owes its input', () => {
    expect(releaseRefusal(share('assisting', 'in-progress'))).toBeUndefined();
    expect(releaseRefusal(share('primary', 'in-progress'))).toMatch(/only an assisting/);
    expect(releaseRefusal(share('assisting', 'input-given'))).toMatch(/input-given/);
  });
});
