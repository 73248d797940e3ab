import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, PageQuery, Roles, TenantDb, validate } from '@hotline/platform';
import { RequestIdParam } from '../requests/requests.schemas';
import { LinkageSettings } from './linkage-settings';
import { getLinkageTransfer, listLinkageTransfers, listThreePartyCalls } from './linkage.query';
import { HandOffBody, ListTransfersQuery, OfferTransferBody, TransferIdParam, TransferListBody, TransferListQuery } from './linkage.schemas';
import { toTransferView } from './linkage.views';
import { handOff } from './hand-off.command';
import { offerTransfer } from './offer-transfer.command';
import { transferSuggestions } from './transfer-list.query';
import { replaceTransferList, transferList } from './transfer-list.repository';

/** The 12345 side of the interconnect for staff: offering a request to 110 (and the others), and what came of it. */
@ApiTags('linkage')
@ApiBearerAuth()
@Controller('v1')
export class LinkageController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
    private readonly settings: LinkageSettings,
  ) {}

  /** 一键转接 / 三方通话 / 系统推送 / 话务引导 to a counterpart: closes the request only when it accepts. */
  @Post('requests/:id/linkage-transfers')
  @HttpCode(201)
  @ApiZodBody(OfferTransferBody)
  @Roles('agent')
  async offer(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const requestId = validate(RequestIdParam, id, 'id');
    const input = validate(OfferTransferBody, body);
    const transfer = await this.db.run(who.tenantId, (m) =>
      offerTransfer(m, this.outbox, this.settings.peers, who, requestId, input, this.settings.decisionTimeoutSeconds),
    );
    return toTransferView(transfer);
  }

  @Get('linkage/transfers')
  @ApiZodQuery(ListTransfersQuery)
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListTransfersQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listLinkageTransfers(m, who, input));
  }

  @Get('linkage/transfers/:id')
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const transferId = validate(TransferIdParam, id, 'id');
    return this.db.read(who.tenantId, (m) => getLinkageTransfer(m, transferId));
  }

  /** Three-party calls (诉求人 + 12345 + 110) and who took the matter first (首接先行受理). */
  @Get('linkage/calls')
  @ApiZodQuery(PageQuery)
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  calls(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const page = validate(PageQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listThreePartyCalls(m, page));
  }

  /** The hotline's bilateral transfer list of one direction, replaced as a whole. */
  @Put('linkage/transfer-list')
  @ApiZodBody(TransferListBody)
  @Roles('tenant-admin')
  async replaceList(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(TransferListBody, body);
    await this.db.run(who.tenantId, (m) => replaceTransferList(m, who.tenantId, input.direction, input.items.map((i) => ({ ...i, direction: input.direction }))));
    return { direction: input.direction, count: input.items.length };
  }

  @Get('linkage/transfer-list')
  @ApiZodQuery(TransferListQuery)
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  async transferList(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(TransferListQuery, query, 'query');
    return { items: await this.db.read(who.tenantId, (m) => transferList(m, input.direction)) };
  }

  /** The list items a request matches, and why: the agent offers, the dispatcher sees the reason. */
  @Get('requests/:id/linkage-suggestions')
  @Roles('agent', 'dispatcher', 'supervisor')
  suggestions(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const requestId = validate(RequestIdParam, id, 'id');
    return this.db.read(who.tenantId, (m) => transferSuggestions(m, requestId));
  }

  /** 119/120/122, 110 or a utility line, handed off at once (never queued); the outcome says whether to transfer the call directly. */
  @Post('requests/:id/handoffs')
  @HttpCode(201)
  @ApiZodBody(HandOffBody)
  @Roles('agent')
  handOff(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const requestId = validate(RequestIdParam, id, 'id');
    const input = validate(HandOffBody, body);
    return handOff(this.db, this.outbox, this.settings.handoffs, who, requestId, input);
  }
}
