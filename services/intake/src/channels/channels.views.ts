import { intakeV1 } from '@hotline/contracts';
import type { ChannelKind } from '@hotline/vocabulary';
import { ChannelEntity } from './channel.entity';

/** Every vocabulary channel kind has its proto value: a new kind fails to compile until mapped. */
const KIND_TO_PROTO: Record<ChannelKind, intakeV1.ChannelKind> = {
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
