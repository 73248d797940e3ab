import { PlatformSchema1764300000000 } from '@hotline/platform';
import { TenantCalendarEntity } from '../calendar/tenant-calendar.entity';
import { TimeLimitEntity } from '../time-limits/time-limit.entity';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { TenantCalendars1764300000300 } from './1764300000300-tenant-calendars.migration';
import { TimeLimits1764300000400 } from './1764300000400-time-limits.migration';
import { WorkOrders1764300000410 } from './1764300000410-work-orders.migration';

export const entities = [TenantCalendarEntity, TimeLimitEntity, WorkOrderEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [PlatformSchema1764300000000, TenantCalendars1764300000300, TimeLimits1764300000400, WorkOrders1764300000410];
