import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { getRiskNotice, listRiskNotices, resendRiskNotice } from './risk-notices.query';
import { ListRiskNoticesQuery, RiskNoticeIdParam } from './risk-notices.schemas';

const NOTICES =
  'A notice is made for each analytics alert the hotline’s risk patterns mark as a stability risk (stabilityRisk), and sent ' +
  'to its 110 peer over the interconnect (NotifyRisk) with the requests’ numbers, masked text and masked identity only: ' +
  'pending → sent (110’s receipt) → acknowledged (110’s 签收); an outage is retried with a doubling wait, a refusal or a ' +
  'hotline without a 110 peer makes it failed. An escalation of the alert sends it again as its next revision.';

/** Stability-risk notices to 110 (ADR 0036), for supervisors: what was sent, when, and what 110 made of it. */
@ApiTags('linkage')
@ApiBearerAuth()
@Controller('v1')
export class RiskNoticesController {
  constructor(private readonly db: TenantDb) {}

  @Get('linkage/risk-notices')
  @ApiOperation({ summary: 'Stability-risk notices to 110, newest first', description: NOTICES })
  @ApiZodQuery(ListRiskNoticesQuery)
  @Roles('supervisor', 'tenant-admin')
  list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListRiskNoticesQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listRiskNotices(m, input));
  }

  @Get('linkage/risk-notices/:id')
  @ApiOperation({ summary: 'One stability-risk notice with its delivery (attempts, last error, 110’s receipt and acknowledgement)' })
  @Roles('supervisor', 'tenant-admin')
  get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const noticeId = validate(RiskNoticeIdParam, id, 'id');
    return this.db.read(who.tenantId, (m) => getRiskNotice(m, noticeId));
  }

  @Post('linkage/risk-notices/:id/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed notice to 110 again now (after its cause is mended); 409 unless it is failed' })
  @Roles('tenant-admin')
  resend(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const noticeId = validate(RiskNoticeIdParam, id, 'id');
    return this.db.run(who.tenantId, (m) => resendRiskNotice(m, who.tenantId, noticeId));
  }
}
