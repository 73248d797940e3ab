import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { ChannelEntity } from './channel.entity';
import { channelCodeExists, saveChannel } from './channels.repository';
import { CreateChannel } from './channels.schemas';
import { toChannelMessage } from './channels.views';

/** Creates a channel and its ChannelConfigured event in the caller's tenant transaction. */
export async function createChannel(manager: EntityManager, outbox: Outbox, tenantId: string, input: CreateChannel): Promise<ChannelEntity> {
  if (await channelCodeExists(manager, input.code)) throw ProblemError.conflict(`channel code "${input.code}" already exists`);
  const channel = await saveChannel(manager, manager.getRepository(ChannelEntity).create({ id: uuidv7(), tenantId, ...input }));
  await outbox.append(manager, {
    event: Events.intake.channelConfigured,
    tenantId,
    aggregateType: 'channel',
    aggregateId: channel.id,
    payload: { channel: toChannelMessage(channel) },
  });
  return channel;
}
