import { Label, oneOf } from './code-list';

/**
 * The steps of the urging ladder (催办 → 催办通知书 → 通报), domain.md §11.1 [S20]: an urge by the
 * hotline at any time while the order is open (by phone before the due), a written urging
 * notice the working day after a breach (copied to the unit's leader), and a written circular
 * (通报批评) when the order is still unanswered some working days after that notice.
 */
export const URGE_LEVELS = ['reminder', 'notice', 'circular'] as const;
export type UrgeLevel = (typeof URGE_LEVELS)[number];
export const isUrgeLevel = oneOf(URGE_LEVELS);
export const URGE_LEVEL_LABELS: Record<UrgeLevel, Label> = {
  reminder: { zh: '催办', en: 'Reminder' },
  notice: { zh: '催办通知书', en: 'Urging notice' },
  circular: { zh: '通报批评', en: 'Circular (written criticism)' },
};

/** How an urge reached the unit. The ladder's notice and circular are always written. */
export const URGE_METHODS = ['phone', 'written'] as const;
export type UrgeMethod = (typeof URGE_METHODS)[number];
export const isUrgeMethod = oneOf(URGE_METHODS);
export const URGE_METHOD_LABELS: Record<UrgeMethod, Label> = {
  phone: { zh: '电话催办', en: 'By phone' },
  written: { zh: '书面催办', en: 'In writing' },
};
