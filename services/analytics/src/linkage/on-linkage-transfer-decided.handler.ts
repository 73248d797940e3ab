import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { zoneForDays } from '../tenant-settings/tenant-time-zones';
import { recordTransfer } from './linkage-transfers.repository';
import { decidedTransferOf } from './linkage.mappings';

export const onLinkageTransferDecided = onEvent(Events.intake.linkageTransferDecided, STREAM_CONSUMER, async (event, manager) => {
  await recordTransfer(manager, event.tenantId, decidedTransferOf(event.payload, event.publishedAt, await zoneForDays(manager, event.tenantId)));
});
