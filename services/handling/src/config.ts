import { z } from 'zod';
import { attachmentConfigShape } from '@hotline/attachments';
import { notificationConfigShape, piiConfigShape } from '@hotline/platform';

/**
 * handling's own variables, validated together with the platform's: the keys of the free text it
 * keeps encrypted, and how its notifications to units reach them (NOTIFY_*, ADR 0029).
 */
// Where attachments are kept and how they are scanned (ATTACHMENT_*, ADR 0028).
export const handlingConfigSchema = z.object({ ...piiConfigShape, ...notificationConfigShape, ...attachmentConfigShape });
