import { PlatformSchema1764300000000 } from '@hotline/platform';
import { TenantCalendarEntity } from '../calendar/tenant-calendar.entity';
import { TenantCalendars1764300000300 } from './1764300000300-tenant-calendars.migration';

export const entities = [TenantCalendarEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [PlatformSchema1764300000000, TenantCalendars1764300000300];
