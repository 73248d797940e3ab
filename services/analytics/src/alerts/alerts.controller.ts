import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { acknowledgeAlert } from './acknowledge-alert.command';
import { findAlert, listAlerts } from './alerts.query';
import { AcknowledgeAlertBody, AlertIdParams, ListAlertsQuery } from './alerts.schemas';
import { toAlertApiView } from './alerts.views';

@ApiTags('early-warning')
@ApiBearerAuth()
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({
    summary: 'Early-warning alerts, newest first',
    description:
      'surge: a category × area over its baseline in the tenant’s window; risk: a request matching the risk and 舆情 patterns. ' +
      'state: open, or acknowledged by a supervisor (POST …/acknowledge); a surge that rises in severity after its ' +
      'acknowledgement is open again (reopenedAt), its acknowledgement kept.',
  })
  @ApiZodQuery(ListAlertsQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListAlertsQuery, query, 'query');
    return { items: (await listAlerts(this.db, who.tenantId, q)).map(toAlertApiView) };
  }

  @Get(':alertId')
  @ApiOperation({
    summary: 'One alert with the requests behind it (drill-down)',
    description: 'Of the caller’s own tenant only: a province operator asking for a city’s alert gets 404 (it sees the city in /v1/province/overview).',
  })
  @Roles('supervisor', 'tenant-admin', 'province-operator')
  async get(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { alertId } = validate(AlertIdParams, params, 'path');
    const alert = await findAlert(this.db, who.tenantId, alertId);
    if (!alert) throw ProblemError.notFound('alert');
    return toAlertApiView(alert);
  }

  @Post(':alertId/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Acknowledge an alert (a supervisor takes it on)',
    description:
      'Records who acknowledged the alert, when, at which severity, and the optional note (at most 500 characters; phone, ' +
      'id and card numbers in it are masked), and answers the alert, state acknowledged. Acknowledging an acknowledged ' +
      'alert changes nothing (the first acknowledgement stands). Further requests of a running surge keep it acknowledged ' +
      'while its severity stays at the acknowledged one; a rise reopens it (state open, reopenedAt), to be acknowledged ' +
      'anew. No event is published and webhooks carry no acknowledgement: it is the hotline’s own bookkeeping.',
  })
  @ApiZodBody(AcknowledgeAlertBody)
  @Roles('supervisor')
  async acknowledge(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { alertId } = validate(AlertIdParams, params, 'path');
    const { note } = validate(AcknowledgeAlertBody, body);
    const alert = await this.db.run(who.tenantId, (m) => acknowledgeAlert(m, who.tenantId, alertId, { by: who.subject, note, at: new Date() }));
    if (!alert) throw ProblemError.notFound('alert');
    return toAlertApiView(alert);
  }
}
