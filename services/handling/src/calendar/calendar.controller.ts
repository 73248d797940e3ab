import { Body, Controller, Get, Put } from '@nestjs/common';
import { CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { loadCalendarSettings, putCalendar, PutCalendarBody, toCalendarView } from './calendar';

@Controller('v1/calendar')
export class CalendarController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Put()
  @Roles('tenant-admin')
  async put(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutCalendarBody, body);
    const calendar = await this.db.run(who.tenantId, (m) => putCalendar(m, this.outbox, who.tenantId, input));
    return toCalendarView(calendar);
  }

  @Get()
  @Roles('tenant-admin', 'supervisor', 'unit-operator', 'dispatcher')
  async get(@CurrentIdentity() who: Identity) {
    return toCalendarView(await this.db.run(who.tenantId, (m) => loadCalendarSettings(m, who.tenantId)));
  }
}
