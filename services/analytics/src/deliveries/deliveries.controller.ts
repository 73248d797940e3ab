import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { attemptsOf, findDelivery, listDeliveries, listEndpoints, replayDelivery, saveEndpoint } from './deliveries.repository';
import { AlertEndpointBody, DeliveryIdParams, EndpointNameParams, ListDeliveriesQuery } from './deliveries.schemas';
import { toDeliveryView, toEndpointView } from './deliveries.views';

const SIGNATURE =
  'Each delivery is a POST of the alert as JSON with headers X-Hotline-Delivery, X-Hotline-Event and ' +
  'X-Hotline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint secret>. A 2xx answer ' +
  'delivers it; otherwise it is retried with exponential backoff, every attempt logged.';

@ApiTags('early-warning')
@ApiBearerAuth()
@Controller('v1')
export class DeliveriesController {
  constructor(private readonly db: TenantDb) {}

  @Get('alert-endpoints')
  @ApiOperation({ summary: 'Webhook endpoints receiving the tenant’s alerts (secrets are not shown)', description: SIGNATURE })
  @Roles('tenant-admin')
  async endpoints(@CurrentIdentity() who: Identity) {
    return { items: (await this.db.read(who.tenantId, (m) => listEndpoints(m, who.tenantId))).map(toEndpointView) };
  }

  @Put('alert-endpoints/:name')
  @ApiOperation({ summary: 'Create or change a webhook endpoint', description: SIGNATURE })
  @ApiZodBody(AlertEndpointBody)
  @Roles('tenant-admin')
  async setEndpoint(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { name } = validate(EndpointNameParams, params, 'path');
    const input = validate(AlertEndpointBody, body);
    return toEndpointView(await this.db.run(who.tenantId, (m) => saveEndpoint(m, who.tenantId, { name, ...input })));
  }

  @Get('alert-deliveries')
  @ApiOperation({ summary: 'The delivery log of alerts, newest first' })
  @ApiZodQuery(ListDeliveriesQuery)
  @Roles('supervisor', 'tenant-admin')
  async deliveries(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListDeliveriesQuery, query, 'query');
    return { items: (await this.db.read(who.tenantId, (m) => listDeliveries(m, who.tenantId, q))).map((d) => toDeliveryView(d)) };
  }

  @Get('alert-deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery with every attempt (time, HTTP status, error)' })
  @Roles('supervisor', 'tenant-admin')
  async delivery(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { deliveryId } = validate(DeliveryIdParams, params, 'path');
    return this.db.read(who.tenantId, async (m) => {
      const d = await findDelivery(m, who.tenantId, deliveryId);
      if (!d) throw ProblemError.notFound('delivery');
      return toDeliveryView(d, await attemptsOf(m, who.tenantId, deliveryId));
    });
  }

  @Post('alert-deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivered or failed delivery again (its log goes on)' })
  @Roles('tenant-admin')
  async replay(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { deliveryId } = validate(DeliveryIdParams, params, 'path');
    return this.db.run(who.tenantId, async (m) => {
      const d = await findDelivery(m, who.tenantId, deliveryId, true);
      if (!d) throw ProblemError.notFound('delivery');
      if (d.state === 'pending') throw ProblemError.conflict('the delivery is still pending: its next attempt is scheduled');
      await replayDelivery(m, who.tenantId, d);
      return toDeliveryView({ ...d, state: 'pending' });
    });
  }
}
