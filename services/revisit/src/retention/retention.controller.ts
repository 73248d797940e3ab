import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, SERVICE_CONTEXT, ServiceContext, validate } from '@hotline/platform';
import { findRun, listRuns, loadRetentionPolicy, saveRetentionPolicy } from './retention.repository';
import { ListRetentionRunsQuery, PutRetentionPolicyBody, RetentionRunParams, StartRetentionRunBody } from './retention.schemas';
import { retentionBatchSize } from './retention-config';
import { toRetentionPolicyView, toRetentionRunView } from './retention.views';
import { startRetentionRun } from './start-retention-run.command';

/**
 * Retention of closed requests (issue 13): the tenant's policy, and its runs (daily on a durable
 * timer, or on demand), which anonymise the requester's identity and the free text of requests
 * closed longer ago than the policy's years, in revisit's archive and case file and, through
 * RequestAnonymised, in intake and handling.
 */
@ApiTags('retention')
@ApiBearerAuth()
@Controller('v1')
export class RetentionController {
  constructor(@Inject(SERVICE_CONTEXT) private readonly ctx: ServiceContext) {}

  @Get('retention-policy')
  @ApiOperation({ summary: 'The hotline’s retention policy for closed requests (default: 10 years, identity and free text anonymised)' })
  @Roles('tenant-admin', 'supervisor')
  async policy(@CurrentIdentity() who: Identity) {
    return toRetentionPolicyView(await this.ctx.db.read(who.tenantId, (m) => loadRetentionPolicy(m)));
  }

  @Put('retention-policy')
  @ApiOperation({ summary: 'Sets the retention policy (the next run applies it; records anonymised before stay as they are)' })
  @ApiZodBody(PutRetentionPolicyBody)
  @Roles('tenant-admin')
  async putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutRetentionPolicyBody, body);
    return toRetentionPolicyView(await this.ctx.db.run(who.tenantId, (m) => saveRetentionPolicy(m, who.tenantId, input, who.subject)));
  }

  @Post('retention/runs')
  @HttpCode(202)
  @ApiOperation({ summary: 'Starts a retention run now, as of `asOf` (default now); its batches follow on durable timers' })
  @ApiZodBody(StartRetentionRunBody)
  @Roles('tenant-admin')
  async start(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const { asOf } = validate(StartRetentionRunBody, body);
    const run = await this.ctx.db.run(who.tenantId, (m) =>
      startRetentionRun(m, who.tenantId, {
        trigger: 'on-demand',
        asOf: asOf ? new Date(asOf) : new Date(),
        requestedBy: who.subject,
        batchSize: retentionBatchSize(this.ctx.serviceConfig),
      }),
    );
    return toRetentionRunView(run);
  }

  @Get('retention/runs')
  @ApiOperation({ summary: 'The hotline’s retention runs, latest first' })
  @ApiZodQuery(ListRetentionRunsQuery)
  @Roles('tenant-admin', 'supervisor')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const page = validate(ListRetentionRunsQuery, query, 'query');
    const runs = await this.ctx.db.read(who.tenantId, (m) => listRuns(m, page.limit, page.offset));
    return { items: runs.map(toRetentionRunView), ...page };
  }

  @Get('retention/runs/:id')
  @ApiOperation({ summary: 'A retention run with its progress and counts' })
  @Roles('tenant-admin', 'supervisor')
  async get(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { id } = validate(RetentionRunParams, params);
    const run = await this.ctx.db.read(who.tenantId, (m) => findRun(m, id));
    if (!run) throw ProblemError.notFound('retention run');
    return toRetentionRunView(run);
  }
}
