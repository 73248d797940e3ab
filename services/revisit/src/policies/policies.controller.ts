import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Outbox, Roles, TenantDb } from '@hotline/platform';
import { parsePutPolicy, parseRuleKey, PutPolicyBody } from './policies.schemas';
import { removeSamplingPolicy } from './remove-sampling-policy.command';
import { toPolicyMessage } from './policies.views';
import { putSamplingPolicy } from './put-sampling-policy.command';
import { listSamplingPolicies } from './sampling-policies.query';

const MOST_SPECIFIC =
  'The rule of a request is the most specific one, applied whole: its type and channel kind, else its type, else its channel kind (type *), else * — else every request, 72 h, 3 attempts, any method, anonymous skipped.';

@ApiTags('sampling-policies')
@ApiBearerAuth()
@Controller('v1/sampling-policies')
export class PoliciesController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Put(':requestType')
  @ApiOperation({ summary: 'Set the rule of a request type (or * for every type) for every channel', description: MOST_SPECIFIC })
  @ApiZodBody(PutPolicyBody)
  @Roles('tenant-admin', 'supervisor')
  async put(@CurrentIdentity() who: Identity, @Param('requestType') requestType: string, @Body() body: unknown) {
    const input = parsePutPolicy(requestType, body);
    const policy = await this.db.run(who.tenantId, (m) => putSamplingPolicy(m, this.outbox, who.tenantId, input));
    return toPolicyMessage(policy);
  }

  @Put(':requestType/channels/:channelKind')
  @ApiOperation({ summary: 'Set the rule of a request type (or *) for one channel kind (phone, web, …; * is every channel)', description: MOST_SPECIFIC })
  @ApiZodBody(PutPolicyBody)
  @Roles('tenant-admin', 'supervisor')
  async putForChannel(
    @CurrentIdentity() who: Identity,
    @Param('requestType') requestType: string,
    @Param('channelKind') channelKind: string,
    @Body() body: unknown,
  ) {
    const input = parsePutPolicy(requestType, body, channelKind);
    const policy = await this.db.run(who.tenantId, (m) => putSamplingPolicy(m, this.outbox, who.tenantId, input));
    return toPolicyMessage(policy);
  }

  @Delete(':requestType')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the rule of a request type (or *) for every channel: the next more general rule applies', description: MOST_SPECIFIC })
  @Roles('tenant-admin', 'supervisor')
  async remove(@CurrentIdentity() who: Identity, @Param('requestType') requestType: string) {
    const key = parseRuleKey(requestType);
    await this.db.run(who.tenantId, (m) => removeSamplingPolicy(m, this.outbox, who.tenantId, key));
  }

  @Delete(':requestType/channels/:channelKind')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the rule of a request type (or *) for one channel kind: the next more general rule applies', description: MOST_SPECIFIC })
  @Roles('tenant-admin', 'supervisor')
  async removeForChannel(@CurrentIdentity() who: Identity, @Param('requestType') requestType: string, @Param('channelKind') channelKind: string) {
    const key = parseRuleKey(requestType, channelKind);
    await this.db.run(who.tenantId, (m) => removeSamplingPolicy(m, this.outbox, who.tenantId, key));
  }

  @Get()
  @ApiOperation({ summary: 'Every rule of the tenant, for every channel and per channel kind', description: MOST_SPECIFIC })
  @Roles('tenant-admin', 'supervisor', 'reviewer')
  async list(@CurrentIdentity() who: Identity) {
    const policies = await this.db.run(who.tenantId, (m) => listSamplingPolicies(m));
    return { items: policies.map(toPolicyMessage) };
  }
}
