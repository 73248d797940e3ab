import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Events, intakeV1 } from '@hotline/contracts';
import { Outbox, ProblemError, uuidv7 } from '@hotline/platform';
import { CHANNEL_KINDS, ChannelEntity, ChannelKindCode } from './channel.entity';

export const CreateChannelBody = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40'),
    name: z.string().trim().min(1).max(100),
    kind: z.enum(CHANNEL_KINDS),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateChannel = z.infer<typeof CreateChannelBody>;

const KIND_TO_PROTO: Record<ChannelKindCode, intakeV1.ChannelKind> = {
  phone: intakeV1.ChannelKind.CHANNEL_KIND_PHONE,
  web: intakeV1.ChannelKind.CHANNEL_KIND_WEB,
  'mobile-app': intakeV1.ChannelKind.CHANNEL_KIND_MOBILE_APP,
  wechat: intakeV1.ChannelKind.CHANNEL_KIND_WECHAT,
  sms: intakeV1.ChannelKind.CHANNEL_KIND_SMS,
  email: intakeV1.ChannelKind.CHANNEL_KIND_EMAIL,
  linkage: intakeV1.ChannelKind.CHANNEL_KIND_LINKAGE,
};

export function toChannelMessage(c: ChannelEntity): intakeV1.Channel {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    kind: KIND_TO_PROTO[c.kind],
    enabled: c.enabled,
    createdAt: c.createdAt.toISOString(),
  };
}

export function toChannelView(c: ChannelEntity) {
  return { id: c.id, code: c.code, name: c.name, kind: c.kind, enabled: c.enabled, createdAt: c.createdAt.toISOString() };
}

/** Creates a channel and its ChannelConfigured event in the caller's tenant transaction. */
export async function createChannel(
  manager: EntityManager,
  outbox: Outbox,
  tenantId: string,
  input: CreateChannel,
): Promise<ChannelEntity> {
  const repo = manager.getRepository(ChannelEntity);
  if (await repo.exists({ where: { code: input.code } }))
    throw ProblemError.conflict(`channel code "${input.code}" already exists`);
  const channel = await repo.save(repo.create({ id: uuidv7(), tenantId, ...input }));
  await outbox.append(manager, {
    event: Events.intake.channelConfigured,
    tenantId,
    aggregateType: 'channel',
    aggregateId: channel.id,
    payload: { channel: toChannelMessage(channel) },
  });
  return channel;
}

/** The tenant's channels. No tenant filter here: row-level security scopes the query. */
export function listChannels(manager: EntityManager, enabledOnly = false): Promise<ChannelEntity[]> {
  return manager.getRepository(ChannelEntity).find({
    where: enabledOnly ? { enabled: true } : {},
    order: { code: 'ASC' },
  });
}
