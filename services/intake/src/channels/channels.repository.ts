import { EntityManager } from 'typeorm';
import { ONLINE_SUBMISSION_CHANNEL_KIND } from '@hotline/vocabulary';
import { ChannelEntity } from './channel.entity';

// No tenant filter in these queries: row-level security scopes them to the caller's tenant.

export function listChannels(manager: EntityManager, enabledOnly = false): Promise<ChannelEntity[]> {
  return manager.getRepository(ChannelEntity).find({ where: enabledOnly ? { enabled: true } : {}, order: { code: 'ASC' } });
}

export function channelCodeExists(manager: EntityManager, code: string): Promise<boolean> {
  return manager.getRepository(ChannelEntity).exists({ where: { code } });
}

export function saveChannel(manager: EntityManager, channel: ChannelEntity): Promise<ChannelEntity> {
  return manager.getRepository(ChannelEntity).save(channel);
}

/** The tenant's channel of that code, when it is enabled. */
export function findEnabledChannel(manager: EntityManager, code: string): Promise<ChannelEntity | null> {
  return manager.getRepository(ChannelEntity).findOneBy({ code, enabled: true });
}

/**
 * The channel the public online submission arrives through: the tenant's enabled channel of the
 * online kind, the first configured when there are several (a portal and a 市长信箱 both web).
 */
export function findOnlineSubmissionChannel(manager: EntityManager): Promise<ChannelEntity | null> {
  return manager.getRepository(ChannelEntity).findOne({
    where: { kind: ONLINE_SUBMISSION_CHANNEL_KIND, enabled: true },
    order: { createdAt: 'ASC', code: 'ASC' },
  });
}
