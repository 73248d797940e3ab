import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { loadRateBasis, saveRateSettings } from './rate-settings.repository';
import { RateSettingsBody } from './rate-settings.schemas';

const DESCRIPTION =
  'How the tenant computes its rates (domain.md §9.3 has no official formula and asks for each choice to be a tenant ' +
  'setting shown in reports): basicallySatisfiedWeight, what one 基本满意 counts for in 满意率 (0…1, default 1: counted ' +
  'as satisfied, as the platform always has); partlyResolvedWeight, what one 部分解决 counts for in 解决率 (0…1, default 0); ' +
  'excludeTerminated, leave terminated requests (诉求终结) out of the rates (default true: Linyi’s 不合理工单 are not ' +
  'counted in unit assessment, domain.md §11.3); excludeUnreasonableEvaluations, leave evaluations judged unreasonable ' +
  '(不合理差评) out of the 满意率 denominator (default true, §9.3). isDefault: the tenant never set its own; updatedAt: when ' +
  'it last did. Every /v1/metrics/rates response reports these as `basis`.';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1/rate-settings')
export class RateSettingsController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({ summary: 'How the tenant’s rates are computed, or the documented defaults', description: DESCRIPTION })
  @Roles('supervisor', 'tenant-admin')
  get(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => loadRateBasis(m, who.tenantId));
  }

  @Put()
  @ApiOperation({ summary: 'Set how the tenant’s rates are computed', description: DESCRIPTION })
  @ApiZodBody(RateSettingsBody)
  @Roles('tenant-admin')
  put(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const settings = validate(RateSettingsBody, body);
    return this.db.run(who.tenantId, (m) => saveRateSettings(m, who.tenantId, settings, who.subject));
  }
}
