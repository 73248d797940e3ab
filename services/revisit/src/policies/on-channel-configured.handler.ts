import { Events, intakeV1 } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import type { ChannelKind } from '@hotline/vocabulary';
import { recordChannelKind } from './channel-kinds.repository';

/** Every proto kind has its vocabulary kind: a new kind fails to compile until mapped. */
const KIND_OF_PROTO: Record<Exclude<intakeV1.ChannelKind, intakeV1.ChannelKind.UNRECOGNIZED>, ChannelKind | null> = {
  [intakeV1.ChannelKind.CHANNEL_KIND_UNSPECIFIED]: null,
  [intakeV1.ChannelKind.CHANNEL_KIND_PHONE]: 'phone',
  [intakeV1.ChannelKind.CHANNEL_KIND_WEB]: 'web',
  [intakeV1.ChannelKind.CHANNEL_KIND_MOBILE_APP]: 'mobile-app',
  [intakeV1.ChannelKind.CHANNEL_KIND_WECHAT]: 'wechat',
  [intakeV1.ChannelKind.CHANNEL_KIND_SMS]: 'sms',
  [intakeV1.ChannelKind.CHANNEL_KIND_EMAIL]: 'email',
  [intakeV1.ChannelKind.CHANNEL_KIND_LINKAGE]: 'linkage',
};

/**
 * revisit--hl-intake-v1--channel-kinds: the kind of each of the tenant's channel codes, so a
 * sampling rule for a channel kind applies to requests that carry only the code. Its own durable
 * consumer (filtered to ChannelConfigured) replays the stream from its start when first created,
 * so the channels configured before this consumer existed are learnt too. A channel without a
 * known kind is not recorded (its requests fall under the rules for every channel).
 */
export const onChannelConfigured = onEvent(Events.intake.channelConfigured, 'channel-kinds', async (event, manager) => {
  const channel = event.payload.channel;
  const kind = channel ? KIND_OF_PROTO[channel.kind as keyof typeof KIND_OF_PROTO] ?? null : null;
  if (!channel?.code || !kind) return;
  await recordChannelKind(manager, event.tenantId, channel.code, kind, event.publishedAt);
});
