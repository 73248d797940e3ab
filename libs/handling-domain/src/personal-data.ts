/**
 * Personal data in the free text handling owns (issue 10): the answer (答复), its basis (依据) and
 * the contact record (联系记录) are typed by the unit and may hold phones, resident id numbers,
 * bank cards or e-mails. handling keeps the clear text encrypted and shows, stores in plain
 * columns and sends the masked text; the clear text is read only on purpose, and recorded.
 *
 * Who reads it in clear (GET /v1/work-orders/{id}/clear?purpose=…, every read logged):
 * - the answering unit's own staff (unit-operator, unit-leader) on their unit's order: they
 *   wrote it and go on handling the request (call the requester back, verify, rework);
 * - supervisors (督办): supervision, complaints and disputes, lawful requests by an authority.
 * Nobody else, and no list or view, whoever reads it:
 * - reviewers: 复核 is a normative check — every point answered, facts and actions, basis cited,
 *   contact with the requester recorded (time, method), no third party's personal data
 *   (../shared/reference/domain.md §8.3; "form, logic, compliance — not substance",
 *   ../shared/ARCHITECTURE.md §2). The masked text keeps each item's kind and last four digits
 *   (138****5678), so a reviewer sees that a contact was recorded, that it matches the request's
 *   own masked phone, and that personal data appears where it should not;
 * - dispatchers route and never need what a unit wrote; tenant admins configure the hotline and
 *   read the access log (办理、监督相分离, domain.md §2).
 */
import { maskPersonalData } from '@hotline/privacy';
import { Role, UNIT_ROLES } from '@hotline/vocabulary';
import { canActFor, Viewer } from './visibility';

/** The work order's own free-text fields (the request's title and content are intake's). */
export const FREE_TEXT_FIELDS = ['answer', 'basis', 'contactRecord'] as const;
export type FreeTextField = (typeof FREE_TEXT_FIELDS)[number];

/** The roles that may ask for an order's clear text; canReadClearText decides for one order. */
export const CLEAR_TEXT_READERS: readonly Role[] = [...UNIT_ROLES, 'supervisor'];

/** Supervisors read any order of their tenant in clear; unit staff only their own unit's. */
export function canReadClearText(viewer: Viewer, orderUnitCode: string): boolean {
  return viewer.roles.includes('supervisor') || canActFor(viewer, orderUnitCode);
}

/** A free text as it is kept: the masked text, and the clear one only when it differs (it holds personal data). */
export interface ProtectedText {
  masked: string;
  clear?: string;
}

export function protectText(text: string): ProtectedText {
  const masked = maskPersonalData(text);
  return masked === text ? { masked } : { masked, clear: text };
}

/**
 * A request brief with its title and content masked. intake masks them at the source; handling
 * masks what it receives and what it stored before, so no copy it keeps or re-emits is clear.
 */
export function maskBriefText<T extends { title?: string; content?: string }>(brief: T): T {
  const masked = { ...brief };
  if (typeof brief.title === 'string') masked.title = maskPersonalData(brief.title);
  if (typeof brief.content === 'string') masked.content = maskPersonalData(brief.content);
  return masked;
}

/** Review reasons handling passes on in WorkOrderReopened: revisit's text, masked in handling's event too. */
export function maskReasons(reasons: readonly string[]): string[] {
  return reasons.map(maskPersonalData);
}
