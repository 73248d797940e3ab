import { Label, oneOf } from './code-list';

/** Where a work order's extension request (延期申请) stands. `approved` and `refused` are final. */
export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
export const isExtensionStatus = oneOf(EXTENSION_STATUSES);
export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, Label> = {
  pending: { zh: '待审批', en: 'Pending approval' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '不予延期', en: 'Refused' },
};

/**
 * Why an extension was refused: by the hotline (`refused-by-hotline`), or by the platform when
 * it was asked after the due (`requested-after-due`: the order counts as overdue, domain.md §6).
 */
export const EXTENSION_REFUSALS = ['refused-by-hotline', 'requested-after-due'] as const;
export type ExtensionRefusal = (typeof EXTENSION_REFUSALS)[number];
export const EXTENSION_REFUSAL_LABELS: Record<ExtensionRefusal, Label> = {
  'refused-by-hotline': { zh: '热线不予批准', en: 'Refused by the hotline' },
  'requested-after-due': { zh: '超期后申请,按逾期计', en: 'Asked after the due: counted overdue' },
};
