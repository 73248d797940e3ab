import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CurrentIdentity, Identity, Outbox, Roles, TenantDb } from '@hotline/platform';
import { listPolicies, parsePutPolicy, putPolicy, toPolicyMessage } from './policies';

@Controller('v1/sampling-policies')
export class PoliciesController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Put(':requestType')
  @Roles('tenant-admin', 'supervisor')
  async put(@CurrentIdentity() who: Identity, @Param('requestType') requestType: string, @Body() body: unknown) {
    const input = parsePutPolicy(requestType, body);
    const policy = await this.db.run(who.tenantId, (m) => putPolicy(m, this.outbox, who.tenantId, input));
    return toPolicyMessage(policy);
  }

  @Get()
  @Roles('tenant-admin', 'supervisor', 'reviewer')
  async list(@CurrentIdentity() who: Identity) {
    const policies = await this.db.run(who.tenantId, (m) => listPolicies(m));
    return { items: policies.map(toPolicyMessage) };
  }
}
