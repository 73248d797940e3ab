import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, PiiCipher, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { ResolveCallReferenceBody } from '../contact/contact.schemas';
import { HeaderCarrier, refuseStoredReplay } from '../contact/stored-replay';
import { cancelCallback, claimCallbackCommand, recordCallbackResult } from './callback-commands';
import { issueCallbackReference, resolveCallbackReference } from './callback-reference.commands';
import { attemptsOf, findCallback, listCallbacks } from './callbacks.repository';
import { CallbackIdParam, CallbackResultBody, CancelCallbackBody, ListCallbacksQuery } from './calls.schemas';
import { toCallbackDetailView, toCallbackView } from './calls.views';

/**
 * The callback queue (漏接回拨, 国办函〔2025〕66号): each caller who hung up in the queue, one item
 * however often they tried, due within the tenant's limit and flagged overdue by a durable timer
 * when it passes; agents claim an item, call (through the telephony, never seeing the number)
 * and record the result.
 */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('v1')
export class CallbacksController {
  constructor(
    private readonly db: TenantDb,
    private readonly cipher: PiiCipher,
    private readonly outbox: Outbox,
  ) {}

  @Get('callbacks')
  @ApiOperation({ summary: 'Callback items, open ones (pending, claimed) by default, earliest due first; numbers masked' })
  @ApiZodQuery(ListCallbacksQuery)
  @Roles('agent', 'supervisor')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListCallbacksQuery, query, 'query');
    const [items, total] = await this.db.read(who.tenantId, (m) => listCallbacks(m, input));
    const now = new Date();
    return { items: items.map((c) => toCallbackView(this.cipher, c, now)), total, limit: input.limit, offset: input.offset };
  }

  @Get('callbacks/:id')
  @ApiOperation({ summary: 'One callback item with its attempts' })
  @Roles('agent', 'supervisor')
  get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const callbackId = validate(CallbackIdParam, id, 'id');
    return this.db.read(who.tenantId, async (m) => {
      const c = await findCallback(m, callbackId);
      if (!c) throw ProblemError.notFound('callback');
      return toCallbackDetailView(this.cipher, c, await attemptsOf(m, callbackId));
    });
  }

  @Post('callbacks/:id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take an open item to call back (one agent at a time; a claim idle for 15 minutes may be taken over)' })
  @Roles('agent')
  async claim(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const callbackId = validate(CallbackIdParam, id, 'id');
    return toCallbackView(this.cipher, await this.db.run(who.tenantId, (m) => claimCallbackCommand(m, who, callbackId)));
  }

  @Post('callbacks/:id/result')
  @HttpCode(200)
  @ApiOperation({ summary: 'The result of one callback attempt by the agent holding it: reached, no-answer, busy or invalid-number' })
  @ApiZodBody(CallbackResultBody)
  @Roles('agent')
  async result(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const callbackId = validate(CallbackIdParam, id, 'id');
    const input = validate(CallbackResultBody, body);
    return toCallbackView(this.cipher, await this.db.run(who.tenantId, (m) => recordCallbackResult(m, this.outbox, who, callbackId, input)));
  }

  @Post('callbacks/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an open item that needs no callback, with the reason' })
  @ApiZodBody(CancelCallbackBody)
  @Roles('supervisor')
  async cancel(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const callbackId = validate(CallbackIdParam, id, 'id');
    const { reason } = validate(CancelCallbackBody, body);
    return toCallbackView(this.cipher, await this.db.run(who.tenantId, (m) => cancelCallback(m, this.outbox, who, callbackId, reason)));
  }

  @Post('callbacks/:id/call-reference')
  @HttpCode(201)
  @ApiOperation({ summary: 'A short-lived, single-use reference the telephony exchanges for the number: the agent never sees it' })
  @Roles('agent')
  callReference(@CurrentIdentity() who: Identity, @Param('id') id: string, @Req() http: HeaderCarrier) {
    refuseStoredReplay(http);
    const callbackId = validate(CallbackIdParam, id, 'id');
    return this.db.run(who.tenantId, (m) => issueCallbackReference(m, who, callbackId));
  }

  @Post('callback-references/resolution')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a callback reference, once and before it expires, for the number to dial (the resolution is the audit); 410 when used, expired or void' })
  @ApiZodBody(ResolveCallReferenceBody)
  @Roles('telephony')
  resolve(@CurrentIdentity() who: Identity, @Body() body: unknown, @Req() http: HeaderCarrier) {
    refuseStoredReplay(http);
    const { reference } = validate(ResolveCallReferenceBody, body);
    return this.db.run(who.tenantId, (m) => resolveCallbackReference(m, this.cipher, who, reference));
  }
}
