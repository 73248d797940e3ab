import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, ProblemError, Roles, SERVICE_CONTEXT, ServiceContext, validate } from '@hotline/platform';
import { changeTenant, registerTenant } from './register-tenant.command';
import { ChangeTenantBody, RegisterTenantBody, TenantCodeParams } from './tenants.schemas';
import { toTenantView } from './tenants.views';

/**
 * The province's tenant registry (issue 10): the province operator registers, changes, suspends
 * and lists the tenants; a token of an unknown or suspended tenant is refused by every service,
 * and a public path of one answers 404. Only a province-kind tenant's operators may manage it.
 */
@ApiTags('tenants')
@ApiBearerAuth()
@Controller('v1/tenants')
export class TenantsController {
  constructor(@Inject(SERVICE_CONTEXT) private readonly ctx: ServiceContext) {}

  private async assertProvince(who: Identity): Promise<void> {
    if ((await this.ctx.tenants.find(who.tenantId))?.kind !== 'province')
      throw ProblemError.forbidden('only the province tenant manages the tenant registry');
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a tenant (a city hotline, or the province)' })
  @ApiZodBody(RegisterTenantBody)
  @Roles('province-operator')
  async register(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    await this.assertProvince(who);
    const input = validate(RegisterTenantBody, body);
    const tenant = await this.ctx.db.run(who.tenantId, (m) => registerTenant(m, this.ctx.outbox, this.ctx.tenants, input, who.subject));
    return toTenantView(tenant);
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Change a tenant: name, region, time zone, or status (suspend / resume)' })
  @ApiZodBody(ChangeTenantBody)
  @Roles('province-operator')
  async change(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    await this.assertProvince(who);
    const { code } = validate(TenantCodeParams, params, 'path');
    const input = validate(ChangeTenantBody, body);
    // Suspending one's own province would lock every operator out of the registry; the
    // command line (main.js tenants suspend) is the deliberate way to do it.
    if (code === who.tenantId && input.status === 'suspended')
      throw ProblemError.conflict('the province cannot suspend itself through the API; use main.js tenants suspend');
    const tenant = await this.ctx.db.run(who.tenantId, (m) => changeTenant(m, this.ctx.outbox, this.ctx.tenants, code, input, who.subject));
    return toTenantView(tenant);
  }

  @Get()
  @ApiOperation({ summary: 'Every tenant of the registry' })
  @Roles('province-operator')
  async list(@CurrentIdentity() who: Identity) {
    await this.assertProvince(who);
    return { items: (await this.ctx.tenants.list()).map(toTenantView) };
  }
}
