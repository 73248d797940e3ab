import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { loadIntakePolicy, saveIntakePolicy } from './intake-policy.repository';
import { PutIntakePolicyBody } from './intake-policy.schemas';

/** The tenant's intake policy (ADR 0034): the online response limit and warning, and the request types confidential by default. */
@ApiTags('intake-policy')
@ApiBearerAuth()
@Controller('v1/intake-policy')
export class IntakePolicyController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({ summary: "The tenant's online response limit and warning (seconds) and 保密 default types, and whether they are its own or the default" })
  @Roles('tenant-admin', 'supervisor', 'agent')
  get(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => loadIntakePolicy(m));
  }

  @Put()
  @ApiOperation({ summary: 'Replace the intake policy; submissions already waiting keep the clock they started with' })
  @ApiZodBody(PutIntakePolicyBody)
  @Roles('tenant-admin')
  put(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutIntakePolicyBody, body);
    return this.db.run(who.tenantId, async (m) => {
      await saveIntakePolicy(m, who.tenantId, input, new Date(), who.subject);
      return loadIntakePolicy(m);
    });
  }
}
