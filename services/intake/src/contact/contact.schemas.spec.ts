import { fieldErrors } from '@hotline/platform';
import { CALL_REFERENCE_PATTERN, callReferenceHash, newCallReference } from './call-reference';
import { PutContactPolicyBody, ResolveCallReferenceBody, RevealContactBody } from './contact.schemas';

const fieldsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) =>
  result.success || !result.error ? [] : fieldErrors(result.error).map((e) => e.field);

describe('requester contact schemas', () => {
  it("takes a unit's contact purpose and a short note, nothing else", () => {
    expect(RevealContactBody.parse({ purpose: 'on-site-visit', note: ' 预约周三上门 ' })).toEqual({ purpose: 'on-site-visit', note: '预约周三上门' });
    expect(fieldsOf(RevealContactBody.safeParse({}))).toEqual(['purpose']);
    expect(fieldsOf(RevealContactBody.safeParse({ purpose: 'supervision' }))).toEqual(['purpose']);
    expect(fieldsOf(RevealContactBody.safeParse({ purpose: 'callback-verify', note: '' }))).toEqual(['note']);
    expect(fieldsOf(RevealContactBody.safeParse({ purpose: 'callback-verify', fields: ['name'] }))).toEqual(['(body)']);
  });

  it('takes a reference only in the shape issued, and a cap from 0 to 1000', () => {
    const reference = newCallReference();
    expect(reference).toMatch(CALL_REFERENCE_PATTERN);
    expect(ResolveCallReferenceBody.parse({ reference })).toEqual({ reference });
    for (const bad of ['', 'x'.repeat(21), `${'x'.repeat(21)}=`, `${'x'.repeat(21)}/`, 42])
      expect(fieldsOf(ResolveCallReferenceBody.safeParse({ reference: bad }))).toEqual(['reference']);
    expect(PutContactPolicyBody.parse({ dailyRevealsPerUser: 0 })).toEqual({ dailyRevealsPerUser: 0 });
    for (const bad of [-1, 1001, 2.5, '50']) expect(fieldsOf(PutContactPolicyBody.safeParse({ dailyRevealsPerUser: bad }))).toEqual(['dailyRevealsPerUser']);
  });

  it('makes every reference new, and stores what cannot be turned back into it', () => {
    const references = new Set(Array.from({ length: 1000 }, newCallReference));
    expect(references.size).toBe(1000);
    const [one] = references;
    expect(callReferenceHash(one!)).toMatch(/^[0-9a-f]{64}$/);
    expect(callReferenceHash(one!)).toBe(callReferenceHash(one!));
    expect(callReferenceHash(one!)).not.toContain(one!);
  });
});
