import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox, ProblemError } from '@hotline/platform';
import { ChannelEntity } from './channel.entity';
import { saveChannel } from './channels.repository';
import type { UpdateChannel } from './channels.schemas';
import { toChannelMessage } from './channels.views';

/**
 * Renames a channel or switches it on or off, and announces it (ChannelConfigured) in the
 * caller's tenant transaction. Its code and kind stay: requests carry the code, and revisit's
 * rules by channel kind were chosen for what the channel is. A channel switched off takes no new
 * contacts (400 naming `channel`) and, when it was the online one, the public submission moves to
 * the next enabled online channel or answers 404.
 */
export async function updateChannel(manager: EntityManager, outbox: Outbox, code: string, input: UpdateChannel): Promise<ChannelEntity> {
  const channel = await manager.getRepository(ChannelEntity).findOneBy({ code });
  if (!channel) throw ProblemError.notFound(`channel ${code}`);
  const saved = await saveChannel(manager, { ...channel, ...input });
  await outbox.append(manager, {
    event: Events.intake.channelConfigured,
    tenantId: saved.tenantId,
    aggregateType: 'channel',
    aggregateId: saved.id,
    payload: { channel: toChannelMessage(saved) },
  });
  return saved;
}
