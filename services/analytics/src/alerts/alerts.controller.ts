import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { findAlert, listAlerts } from './alerts.query';
import { AlertIdParams, ListAlertsQuery } from './alerts.schemas';
import { toAlertView } from './alerts.views';

@ApiTags('early-warning')
@ApiBearerAuth()
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({
    summary: 'Early-warning alerts, newest first',
    description: 'surge: a category × area over its baseline in the tenant’s window; risk: a request matching the risk and 舆情 patterns.',
  })
  @ApiZodQuery(ListAlertsQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListAlertsQuery, query, 'query');
    return { items: (await listAlerts(this.db, who.tenantId, q)).map(toAlertView) };
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
    return toAlertView(alert);
  }
}
