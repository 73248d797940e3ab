import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, SERVICE_CONTEXT, ServiceContext, validate } from '@hotline/platform';
import { requireJsonBody } from '../request-body';
import { calendarDays } from './calendar-days.query';
import { calendarStatus } from './calendar-status.query';
import { loadCalendarSettings } from './calendar.repository';
import { CalendarMonthQuery, HolidayYearBody, HolidayYearParam, parseHolidayYear, PutCalendarBody } from './calendar.schemas';
import { toCalendarView, toYearLoadedView } from './calendar.views';
import { loadTenantHolidayYear } from './load-holiday-year.command';
import { putCalendar } from './put-calendar.command';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('v1/calendar')
export class CalendarController {
  constructor(@Inject(SERVICE_CONTEXT) private readonly ctx: ServiceContext) {}

  @Put()
  @ApiZodBody(PutCalendarBody)
  @Roles('tenant-admin')
  async put(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutCalendarBody, requireJsonBody(body));
    return toCalendarView(await this.ctx.db.run(who.tenantId, (m) => putCalendar(m, this.ctx.outbox, who.tenantId, input)));
  }

  @Get()
  @Roles('tenant-admin', 'supervisor', 'unit-operator', 'dispatcher')
  async get(@CurrentIdentity() who: Identity) {
    return toCalendarView(await this.ctx.db.run(who.tenantId, (m) => loadCalendarSettings(m, who.tenantId)));
  }

  /** Each day of a month in the tenant's calendar: working or not, its kind and holiday name. */
  @Get('days')
  @ApiZodQuery(CalendarMonthQuery)
  @Roles('tenant-admin', 'supervisor', 'unit-operator', 'dispatcher')
  async days(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { month } = validate(CalendarMonthQuery, query, 'query');
    return this.ctx.db.read(who.tenantId, (m) => calendarDays(m, who.tenantId, month));
  }

  @Get('status')
  @Roles('tenant-admin', 'supervisor')
  async status(@CurrentIdentity() who: Identity) {
    return this.ctx.db.read(who.tenantId, (m) => calendarStatus(m, who.tenantId));
  }

  /** A year's national holidays for this tenant, while neither the platform nor the province has them. */
  @Put('years/:year')
  @ApiZodBody(HolidayYearBody)
  @Roles('tenant-admin')
  async putYear(@CurrentIdentity() who: Identity, @Param('year') yearParam: string, @Body() body: unknown) {
    const year = validate(HolidayYearParam, yearParam, 'year');
    const parsed = parseHolidayYear(year, requireJsonBody(body));
    if (!parsed.success) throw ProblemError.validation(parsed.errors);
    const loaded = await this.ctx.db.run(who.tenantId, (m) =>
      loadTenantHolidayYear(m, this.ctx.outbox, who.tenantId, who.subject, parsed.data),
    );
    return toYearLoadedView(loaded);
  }
}
