import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SHARING_APPROVERS, SHARING_AUDITORS, SHARING_PROPOSERS } from '@hotline/intake-domain';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, PiiCipher, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { findAgreement, listAgreements } from './agreements.repository';
import { approveAgreement, refuseAgreement, revokeAgreementCommand } from './decide-agreement.commands';
import { proposeAgreement } from './propose-agreement.command';
import { releaseRequests } from './release-requests.command';
import { findReleases } from './releases.repository';
import {
  AgreementIdParam,
  ListAgreementsQuery,
  OptionalReasonBody,
  ProposeAgreementBody,
  ReasonBody,
  ReleaseLogQuery,
  ReleaseQuery,
  ReleaseShape,
} from './sharing.schemas';
import { toAgreementView, toReleaseView } from './sharing.views';

/**
 * 数据共享 (分类分级, docs/data-sharing.md): the hotline's agreements with receiving departments
 * — which fields, of which grade, masked how, for which categories, areas and request types, for
 * what purpose and until when — approved by a second person; the departments' pulls under them;
 * and the log of every release (谁管理谁负责、谁使用谁负责).
 */
@ApiTags('data-sharing')
@ApiBearerAuth()
@Controller('v1/sharing')
export class SharingController {
  constructor(
    private readonly db: TenantDb,
    private readonly cipher: PiiCipher,
  ) {}

  @Post('agreements')
  @HttpCode(201)
  @ApiOperation({ summary: 'Propose a sharing agreement with a department; active once a second person approves it' })
  @ApiZodBody(ProposeAgreementBody)
  @Roles(...SHARING_PROPOSERS)
  async propose(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(ProposeAgreementBody, body);
    return toAgreementView(await this.db.run(who.tenantId, (m) => proposeAgreement(m, who, input)));
  }

  @Get('agreements')
  @ApiOperation({ summary: "The hotline's sharing agreements, newest first" })
  @ApiZodQuery(ListAgreementsQuery)
  @Roles(...SHARING_AUDITORS)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListAgreementsQuery, query, 'query');
    const [items, total] = await this.db.read(who.tenantId, (m) => listAgreements(m, input));
    return { items: items.map(toAgreementView), total, limit: input.limit, offset: input.offset };
  }

  @Get('agreements/:id')
  @ApiOperation({ summary: 'One sharing agreement' })
  @Roles(...SHARING_AUDITORS)
  async get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const agreement = await this.db.read(who.tenantId, (m) => findAgreement(m, agreementId));
    if (!agreement) throw ProblemError.notFound(`sharing agreement ${agreementId}`);
    return toAgreementView(agreement);
  }

  @Post('agreements/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a proposed agreement (not its proposer); it supersedes the department’s active one' })
  @ApiZodBody(OptionalReasonBody)
  @Roles(...SHARING_APPROVERS)
  async approve(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const { reason } = validate(OptionalReasonBody, body);
    return toAgreementView(await this.db.run(who.tenantId, (m) => approveAgreement(m, who, agreementId, reason)));
  }

  @Post('agreements/:id/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a proposed agreement (not its proposer), with the reason' })
  @ApiZodBody(ReasonBody)
  @Roles(...SHARING_APPROVERS)
  async refuse(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const { reason } = validate(ReasonBody, body);
    return toAgreementView(await this.db.run(who.tenantId, (m) => refuseAgreement(m, who, agreementId, reason)));
  }

  @Post('agreements/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a proposed or active agreement at once, with the reason: nothing more is released under it' })
  @ApiZodBody(ReasonBody)
  @Roles(...SHARING_PROPOSERS)
  async revoke(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const agreementId = validate(AgreementIdParam, id, 'id');
    const { reason } = validate(ReasonBody, body);
    return toAgreementView(await this.db.run(who.tenantId, (m) => revokeAgreementCommand(m, who, agreementId, reason)));
  }

  @Get('releases')
  @ApiOperation({ summary: "A department pulls what its active agreement releases (the token's `department` claim); logged" })
  @ApiZodQuery(ReleaseShape)
  @Roles('data-recipient')
  release(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ReleaseQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => releaseRequests(m, this.cipher, who, input));
  }

  @Get('releases/log')
  @ApiOperation({ summary: 'Every release: agreement, department, who, when, which requests and fields; newest first' })
  @ApiZodQuery(ReleaseLogQuery)
  @Roles(...SHARING_AUDITORS)
  async log(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ReleaseLogQuery, query, 'query');
    const [items, total] = await this.db.read(who.tenantId, (m) => findReleases(m, input));
    return { items: items.map(toReleaseView), total, limit: input.limit, offset: input.offset };
  }
}
