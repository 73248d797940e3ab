import { EntityManager } from 'typeorm';
import { Identity, ProblemError } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { activeAgreementOf, decideAgreement, findAgreement, revokeAgreement, SharingAgreement } from './agreements.repository';
import { endFeed } from './push-delivery.commands';

const twoPersonRule = (detail: string) => new ProblemError(403, 'two_person_rule', 'Two-person rule', detail);
const decided = (a: SharingAgreement) => new ProblemError(409, 'agreement_decided', 'Agreement decided', `the agreement is ${a.state}`);

async function lockProposed(manager: EntityManager, who: Identity, id: string): Promise<SharingAgreement> {
  const agreement = await findAgreement(manager, id, true);
  if (!agreement) throw ProblemError.notFound(`sharing agreement ${id}`);
  if (agreement.state !== 'proposed') throw decided(agreement);
  if (agreement.proposedBy === who.subject) throw twoPersonRule('a second person decides an agreement; its proposer may revoke it');
  return agreement;
}

/**
 * A second person approves a proposed agreement (two-person rule, as 诉求终结's): it becomes the
 * department's active agreement, and the one active before it, if any, is revoked as superseded
 * in the same transaction — a department has one set of terms at a time. One that has already
 * expired is not approved.
 */
export async function approveAgreement(manager: EntityManager, who: Identity, id: string, note?: string, now: Date = new Date()): Promise<SharingAgreement> {
  const agreement = await lockProposed(manager, who, id);
  if (agreement.validUntil.getTime() <= now.getTime()) throw ProblemError.conflict(`the agreement expired at ${agreement.validUntil.toISOString()}; propose a new one`);
  const previous = await activeAgreementOf(manager, agreement.departmentCode, 'update');
  if (previous) {
    await revokeAgreement(manager, previous.id, { revokedBy: who.subject, revokedAt: now, revokeReason: `superseded by agreement ${agreement.id}`, supersededBy: agreement.id });
    // Its push feed ends with it; the new terms get a feed (and a secret) of their own.
    await endFeed(manager, previous.id, `the agreement was superseded by ${agreement.id}`, now);
  }
  const decision = { state: 'active' as const, decidedBy: who.subject, decidedAt: now, decisionNote: note === undefined ? null : maskPersonalData(note) };
  await decideAgreement(manager, agreement.id, decision).catch((err: { code?: string }) => {
    // Two approvals for one department at once: the one-active index lets only the first through.
    if (err?.code === '23505') throw ProblemError.conflict(`another agreement of ${agreement.departmentCode} was approved meanwhile; try again`);
    throw err;
  });
  return { ...agreement, ...decision };
}

/** A second person refuses a proposed agreement, with the reason. */
export async function refuseAgreement(manager: EntityManager, who: Identity, id: string, reason: string, now: Date = new Date()): Promise<SharingAgreement> {
  const agreement = await lockProposed(manager, who, id);
  const decision = { state: 'refused' as const, decidedBy: who.subject, decidedAt: now, decisionNote: maskPersonalData(reason) };
  await decideAgreement(manager, agreement.id, decision);
  return { ...agreement, ...decision };
}

/**
 * Ends a proposed or active agreement at once, with the reason: nothing more is released under
 * it. One person suffices — revoking only narrows what leaves the hotline.
 */
export async function revokeAgreementCommand(manager: EntityManager, who: Identity, id: string, reason: string, now: Date = new Date()): Promise<SharingAgreement> {
  const agreement = await findAgreement(manager, id, true);
  if (!agreement) throw ProblemError.notFound(`sharing agreement ${id}`);
  if (agreement.state !== 'proposed' && agreement.state !== 'active') throw decided(agreement);
  const revocation = { revokedBy: who.subject, revokedAt: now, revokeReason: maskPersonalData(reason), supersededBy: null };
  await revokeAgreement(manager, agreement.id, revocation);
  // At once: the batch being pushed is cancelled, and nothing more is.
  await endFeed(manager, agreement.id, 'the agreement was revoked', now);
  return { ...agreement, ...revocation, state: 'revoked' };
}
