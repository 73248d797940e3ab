import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { STREAM_CONSUMER } from '../stream-consumers';
import { zoneForDays } from '../tenant-settings/tenant-time-zones';
import { recordTransfer } from './linkage-transfers.repository';
import { offeredTransferOf } from './linkage.mappings';

export const onLinkageTransferOffered = onEvent(Events.intake.linkageTransferOffered, STREAM_CONSUMER, async (event, manager) => {
  await recordTransfer(manager, event.tenantId, offeredTransferOf(event.payload, event.publishedAt, await zoneForDays(manager, event.tenantId)));
});
