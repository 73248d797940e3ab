import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, PiiCipher, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { RequesterMatchKeys } from '../duplicates/requester-match-keys';
import { loadCallPolicy, saveCallPolicy } from './call-policy.repository';
import { callRatesReport } from './call-rates.query';
import { findCallRecord } from './call-records.repository';
import { CallIdParam, CallRatesQuery, CallRatesQueryShape, CallRecordBody, MarkOutcomeBody, PutCallPolicyBody } from './calls.schemas';
import { toCallRecordView } from './calls.views';
import { markCallOutcome } from './mark-call-outcome.command';
import { recordCall } from './record-call.command';

/**
 * Calls from the telephony system (issue 14, docs/calls.md): every call that entered an agent
 * queue is recorded (全量接收), answered or abandoned, with what it became; the rates of the
 * hotline's phone service (人工接通率, 人工应答及时率) are counted from these records.
 */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('v1')
export class CallRecordsController {
  constructor(
    private readonly db: TenantDb,
    private readonly cipher: PiiCipher,
    private readonly keys: RequesterMatchKeys,
    private readonly outbox: Outbox,
  ) {}

  @Post('call-records')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a call that entered an agent queue, when it ended; the same call id again returns the first record (alreadyRecorded), other content is a 409',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key returns the first outcome' })
  @ApiZodBody(CallRecordBody)
  @Roles('telephony')
  async record(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(CallRecordBody, body);
    const { record, created } = await this.db.run(who.tenantId, (m) => recordCall(m, this.outbox, this.cipher, this.keys, who, input));
    return { ...toCallRecordView(this.cipher, record), alreadyRecorded: !created };
  }

  @Get('call-records/rates')
  @ApiOperation({ summary: '人工接通率 and 人工应答及时率 per local day and queue, with their counts, denominators and the policy used' })
  @ApiZodQuery(CallRatesQueryShape)
  @Roles('supervisor', 'tenant-admin')
  rates(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(CallRatesQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => callRatesReport(m, who.tenantId, input));
  }

  @Get('call-records/:callId')
  @ApiOperation({ summary: 'One call record, the number masked' })
  @Roles('agent', 'supervisor', 'tenant-admin')
  get(@CurrentIdentity() who: Identity, @Param('callId') callId: string) {
    const id = validate(CallIdParam, callId, 'callId');
    return this.db.read(who.tenantId, async (m) => {
      const record = await findCallRecord(m, id);
      if (!record) throw ProblemError.notFound('call record');
      return toCallRecordView(this.cipher, record);
    });
  }

  @Post('call-records/:callId/outcome')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark what an answered call was: the request it became or was about, or silent, harassment, wrong number, hang-up' })
  @ApiZodBody(MarkOutcomeBody)
  @Roles('agent', 'supervisor')
  async outcome(@CurrentIdentity() who: Identity, @Param('callId') callId: string, @Body() body: unknown) {
    const id = validate(CallIdParam, callId, 'callId');
    const input = validate(MarkOutcomeBody, body);
    return toCallRecordView(this.cipher, await this.db.run(who.tenantId, (m) => markCallOutcome(m, this.outbox, who, id, input)));
  }

  @Get('call-policy')
  @ApiOperation({ summary: "The tenant's call thresholds (timely answer, short abandon, callback clock), whether its own or the defaults, with their sources" })
  @Roles('tenant-admin', 'supervisor')
  policy(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => loadCallPolicy(m));
  }

  @Put('call-policy')
  @ApiZodBody(PutCallPolicyBody)
  @Roles('tenant-admin')
  putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutCallPolicyBody, body);
    return this.db.run(who.tenantId, async (m) => {
      await saveCallPolicy(m, who.tenantId, input, new Date(), who.subject);
      return loadCallPolicy(m);
    });
  }
}
