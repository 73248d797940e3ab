import { z } from 'zod';
import { CHANNEL_KINDS } from '@hotline/vocabulary';

/** A tenant's own channel code: what agents enter and requests carry (`phone`, `web`, `wechat` …). */
export const ChannelCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40');

export const CreateChannelBody = z
  .object({
    code: ChannelCode,
    name: z.string().trim().min(1).max(100),
    kind: z.enum(CHANNEL_KINDS),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateChannel = z.infer<typeof CreateChannelBody>;

/** What may change of a channel: its name and whether it takes contacts. */
export const UpdateChannelBody = z
  .object({ name: z.string().trim().min(1).max(100).optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.enabled !== undefined, 'name or enabled');
export type UpdateChannel = z.infer<typeof UpdateChannelBody>;

export const ListChannelsQuery = z.object({ enabled: z.enum(['true', 'false']).optional() }).strict();
