import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Roles, SERVICE_CONTEXT, ServiceContext, TenantDb, validate } from '@hotline/platform';
import { transferPairRefusal } from '@hotline/intake-domain';
import { TRANSFER_ROLES } from '@hotline/vocabulary';
import { Registrar } from '../requests/registrar';
import { RequestIdParam } from '../requests/requests.schemas';
import { toRequestView } from '../requests/requests.views';
import { acceptTransfer, returnTransfer } from './decide-transfer.commands';
import { offerTransfer } from './offer-transfer.command';
import { listTransferSides } from './transfers.repository';
import { ListTransfersQuery, OfferTransferBody, ReturnTransferBody } from './transfers.schemas';
import { toTransferView } from './transfers.views';

/** 转办 between the hotlines of a province: offered by the sender, accepted or returned by the receiver (ADR 0027). */
@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1')
export class TransfersController {
  constructor(
    private readonly db: TenantDb,
    private readonly registrar: Registrar,
    @Inject(SERVICE_CONTEXT) private readonly ctx: ServiceContext,
  ) {}

  @Post('requests/:id/transfers')
  @HttpCode(201)
  @ApiOperation({ summary: 'Offer a request no unit holds yet to another hotline of the province (a city, the province, or up to it)' })
  @ApiZodBody(OfferTransferBody)
  @Roles(...TRANSFER_ROLES)
  async offer(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const requestId = validate(RequestIdParam, id, 'id');
    const input = validate(OfferTransferBody, body);
    return toTransferView(await this.db.run(who.tenantId, (m) => offerTransfer(m, this.registrar.outbox, this.ctx.tenants, who, requestId, input)));
  }

  @Get('transfers/destinations')
  @ApiOperation({ summary: 'The hotlines of the province this one may transfer to (active, not itself)' })
  @Roles(...TRANSFER_ROLES)
  async destinations(@CurrentIdentity() who: Identity) {
    const here = await this.ctx.tenants.find(who.tenantId);
    const all = await this.ctx.tenants.list();
    const items = here ? all.filter((t) => !transferPairRefusal(here, t)).map((t) => ({ code: t.code, name: t.name, kind: t.kind })) : [];
    return { items };
  }

  @Get('transfers')
  @ApiZodQuery(ListTransfersQuery)
  @Roles(...TRANSFER_ROLES)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListTransfersQuery, query, 'query');
    const [items, total] = await this.db.run(who.tenantId, (m) => listTransferSides(m, input));
    return { items: items.map(toTransferView), total, limit: input.limit, offset: input.offset };
  }

  @Post('transfers/:id/acceptance')
  @HttpCode(201)
  @ApiOperation({ summary: 'Accept an incoming transfer: the request is registered here under its number, with its timeline' })
  @Roles(...TRANSFER_ROLES)
  async accept(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const { request, requester } = await this.db.run(who.tenantId, (m) => acceptTransfer(m, this.registrar, who, id));
    return toRequestView(request, requester);
  }

  @Post('transfers/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return an incoming transfer with the reason: the request stays with the sending hotline' })
  @ApiZodBody(ReturnTransferBody)
  @Roles(...TRANSFER_ROLES)
  async return(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const input = validate(ReturnTransferBody, body);
    return toTransferView(await this.db.run(who.tenantId, (m) => returnTransfer(m, this.registrar.outbox, who, id, input)));
  }
}
