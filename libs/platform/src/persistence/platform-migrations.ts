import {
  PlatformDeadLetters1764300002000,
  PlatformIdempotencyKeys1764300002100,
  PlatformOutboxNotify1764300002200,
  PlatformRateLimits1764300002400,
  PlatformTenantDirectory1764300002300,
} from './platform-reliability.migration';
import { PlatformSchema1764300000000 } from './platform-schema.migration';
import { PlatformNotifications1764300004700 } from '../notifications/notifications.migration';

/**
 * The platform's own tables (outbox, inbox, dead letters, timers, idempotency keys, the tenant
 * directory, the notification outbox), for every
 * service's migration list. TypeORM applies migrations by the timestamp in their names, so these
 * interleave with a service's own by date.
 */
export const PLATFORM_MIGRATIONS = [
  PlatformSchema1764300000000,
  PlatformDeadLetters1764300002000,
  PlatformIdempotencyKeys1764300002100,
  PlatformOutboxNotify1764300002200,
  PlatformTenantDirectory1764300002300,
  PlatformRateLimits1764300002400,
  PlatformNotifications1764300004700,
];
