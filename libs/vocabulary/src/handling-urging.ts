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

/**
 * Why the hotline opens a 督办 (supervision) order on a unit's work (domain.md §11.1 [S21][S45]):
 * a leader's written instruction (领导批示件), media exposure, a hotspot, an overdue order, passing
 * the buck (推诿扯皮), or a long time without visible progress.
 */
export const SUPERVISION_SOURCES = ['leader-instruction', 'media-exposure', 'hotspot', 'overdue', 'buck-passing', 'no-progress'] as const;
export type SupervisionSource = (typeof SUPERVISION_SOURCES)[number];
export const isSupervisionSource = oneOf(SUPERVISION_SOURCES);
export const SUPERVISION_SOURCE_LABELS: Record<SupervisionSource, Label> = {
  'leader-instruction': { zh: '领导批示', en: "Leader's instruction" },
  'media-exposure': { zh: '媒体曝光', en: 'Media exposure' },
  hotspot: { zh: '热点问题', en: 'Hotspot' },
  overdue: { zh: '逾期未办结', en: 'Overdue' },
  'buck-passing': { zh: '推诿扯皮', en: 'Passing the buck' },
  'no-progress': { zh: '长时间无明显进展', en: 'No visible progress' },
};

/** A 督办 order: open until the unit replies, closed when the hotline accepts the reply. */
export const SUPERVISION_STATES = ['open', 'replied', 'closed'] as const;
export type SupervisionState = (typeof SUPERVISION_STATES)[number];
export const isSupervisionState = oneOf(SUPERVISION_STATES);
export const SUPERVISION_STATE_LABELS: Record<SupervisionState, Label> = {
  open: { zh: '督办中', en: 'Open' },
  replied: { zh: '已回复', en: 'Replied' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** The steps a 督办 order goes through, each announced (SupervisionChanged). */
export const SUPERVISION_STEPS = ['opened', 'replied', 'closed', 'reply-overdue'] as const;
export type SupervisionStep = (typeof SUPERVISION_STEPS)[number];
