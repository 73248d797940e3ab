import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import { CalendarSettings, saveCalendarSettings } from './calendar.repository';
import { PutCalendar } from './calendar.schemas';

/** Replaces the tenant's calendar settings and records CalendarChanged in the caller's tenant transaction. */
export async function putCalendar(manager: EntityManager, outbox: Outbox, tenantId: string, input: PutCalendar): Promise<CalendarSettings> {
  const settings = { tenantId, ...input, updatedAt: new Date() };
  await saveCalendarSettings(manager, settings);
  await outbox.append(manager, {
    event: Events.handling.calendarChanged,
    tenantId,
    aggregateType: 'calendar',
    aggregateId: tenantId,
    payload: { ...input, changedAt: settings.updatedAt.toISOString() },
  });
  return settings;
}
