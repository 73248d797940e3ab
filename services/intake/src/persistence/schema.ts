import { PlatformSchema1764300000000 } from '@hotline/platform';
import { ChannelEntity } from '../channels/channel.entity';
import { Channels1764300000100 } from './1764300000100-channels.migration';

export const entities = [ChannelEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [PlatformSchema1764300000000, Channels1764300000100];
