import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SHARING_AUDITORS, SHARING_PROPOSERS } from '@hotline/intake-domain';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, PiiCipher, ProblemError, Roles, SERVICE_CONTEXT, ServiceContext, TenantDb, validate } from '@hotline/platform';
import { findAgreement } from './agreements.repository';
import { clearPushSubscription, redeliverPush, replayPush, rotatePushSecret, setPushSubscription } from './push-subscription.commands';
import { attemptsOf, findDelivery, findSubscription, listDeliveries } from './push.repository';
import { DeliveryIdParam, PushDeliveriesQuery, PushReplayBody, PushReplayShape, PushSubscriptionShape, pushSubscriptionBody } from './push.schemas';
import { toDeliveryView, toSubscriptionView } from './push.views';
import { AgreementIdParam } from './sharing.schemas';

const SIGNATURE =
  'Each batch is a POST of JSON — {deliveryId, type: "sharing.release", tenant, releaseId, agreementId, departmentCode, releasedAt, ' +
  'fields, items, after, next}, the items exactly as a pull gives them — with headers X-Hotline-Delivery and Idempotency-Key (the ' +
  'delivery id, the same on every attempt), X-Hotline-Event: sharing.release and X-Hotline-Signature: t=<unix seconds>,v1=<hex ' +
  'HMAC-SHA256 of "<t>.<body>" with the feed secret>. A 2xx acknowledges the batch and moves the feed on; anything else (a redirect ' +
  'too, never followed) is retried with capped exponential backoff, every attempt logged; after the last attempt the feed pauses ' +
  'until the batch is redelivered or the feed replayed. Batches go one at a time, in order.';

/**
 * 数据共享的主动推送 (docs/data-sharing.md, ADR 0035 addendum): a tenant admin points an active
 * agreement's feed at the department's HTTPS endpoint; the server makes and rotates its signing
 * secret; the delivery worker pushes what the agreement releases, batch after batch, through the
 * release path of the pull and its log; the admins read every batch and attempt, replay the feed
 * from a cursor or redeliver the batch it stopped at.
 */
@ApiTags('data-sharing')
@ApiBearerAuth()
@Controller('v1/sharing/agreements/:id/push')
export class SharingPushController {
  /** Plain http to loopback only in local mode (AUTH_MODE=local: the local start and the tests; demos only per the chart). */
  private readonly loopbackHttp: boolean;

  constructor(
    private readonly db: TenantDb,
    private readonly cipher: PiiCipher,
    @Inject(SERVICE_CONTEXT) ctx: ServiceContext,
  ) {
    this.loopbackHttp = ctx.config.AUTH_MODE === 'local';
  }

  @Get()
  @ApiOperation({ summary: "The agreement's push feed: endpoint, batch size, state, cursor (never the secret)", description: SIGNATURE })
  @Roles(...SHARING_AUDITORS)
  async get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    return this.db.read(who.tenantId, async (m) => {
      if (!(await findAgreement(m, agreementId))) throw ProblemError.notFound(`sharing agreement ${agreementId}`);
      const sub = await findSubscription(m, agreementId);
      if (!sub) throw ProblemError.notFound(`push feed of sharing agreement ${agreementId}`);
      return toSubscriptionView(sub);
    });
  }

  @Put()
  @HttpCode(200)
  @ApiOperation({
    summary: "Set the agreement's push feed (active agreements only); the first time, the answer carries the signing secret, shown once",
    description: SIGNATURE,
  })
  @ApiZodBody(PushSubscriptionShape)
  @Roles(...SHARING_PROPOSERS)
  async set(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const input = validate(pushSubscriptionBody(this.loopbackHttp), body);
    const { subscription, secret } = await this.db.run(who.tenantId, (m) => setPushSubscription(m, this.cipher, who, agreementId, input));
    return toSubscriptionView(subscription, secret);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Clear the push feed: it stops, its secret is gone, the batch being sent is cancelled; the delivery log stays' })
  @Roles(...SHARING_PROPOSERS)
  async clear(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    await this.db.run(who.tenantId, (m) => clearPushSubscription(m, agreementId));
  }

  @Post('rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown in this answer only; attempts from now on are signed with it alone', description: SIGNATURE })
  @Roles(...SHARING_PROPOSERS)
  async rotate(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const { subscription, secret } = await this.db.run(who.tenantId, (m) => rotatePushSecret(m, this.cipher, who, agreementId));
    return toSubscriptionView(subscription, secret);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({
    summary: "Push again from a cursor (an earlier batch's after/next), from requests received since an instant, or from the agreement's start",
    description: 'The batch being sent is cancelled and a paused feed resumes; what follows is released anew, each batch a new release in the log.',
  })
  @ApiZodBody(PushReplayShape)
  @Roles(...SHARING_PROPOSERS)
  async replay(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const input = validate(PushReplayBody, body);
    return toSubscriptionView(await this.db.run(who.tenantId, (m) => replayPush(m, who, agreementId, input)));
  }

  @Get('deliveries')
  @ApiOperation({ summary: 'Every batch pushed under the agreement, newest first, each with every attempt (time, outcome, HTTP status, error, duration)' })
  @ApiZodQuery(PushDeliveriesQuery)
  @Roles(...SHARING_AUDITORS)
  async deliveries(@CurrentIdentity() who: Identity, @Param('id') id: string, @Query() query: unknown) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const input = validate(PushDeliveriesQuery, query, 'query');
    return this.db.read(who.tenantId, async (m) => {
      if (!(await findAgreement(m, agreementId))) throw ProblemError.notFound(`sharing agreement ${agreementId}`);
      const [items, total] = await listDeliveries(m, agreementId, input);
      const attempts = await attemptsOf(m, items.map((d) => d.id));
      return { items: items.map((d) => toDeliveryView(d, attempts.get(d.id))), total, limit: input.limit, offset: input.offset };
    });
  }

  @Get('deliveries/:deliveryId')
  @ApiOperation({ summary: 'One pushed batch with every attempt' })
  @Roles(...SHARING_AUDITORS)
  async delivery(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const batchId = validate(DeliveryIdParam, deliveryId, 'deliveryId');
    return this.db.read(who.tenantId, async (m) => {
      const d = await findDelivery(m, agreementId, batchId);
      if (!d) throw ProblemError.notFound(`push batch ${batchId}`);
      return toDeliveryView(d, (await attemptsOf(m, [d.id])).get(d.id));
    });
  }

  @Post('deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the failed batch the feed stopped at again, as it was, and resume the feed', description: SIGNATURE })
  @Roles(...SHARING_PROPOSERS)
  async redeliver(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const batchId = validate(DeliveryIdParam, deliveryId, 'deliveryId');
    return toDeliveryView(await this.db.run(who.tenantId, (m) => redeliverPush(m, who, agreementId, batchId)));
  }
}
