import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { loadWarningSettings, saveHotspotSettings, saveRiskPatterns } from './warning-settings.repository';
import { HotspotSettingsBody, RiskPatternsBody } from './warning-settings.schemas';

const HOTSPOT_DESCRIPTION =
  'Surge warning over content category × area: a request counts in the window of windowHours ending at it; the ' +
  'baseline is the mean per day of the key over the last baselineDays days of the same kind (workday, or rest day: ' +
  'weekends, national holidays and extraHolidays; 调休 make-up days count as workdays), or over last year’s same ' +
  'period ±seasonalDays when higher, never below minExpectedPerDay. An alert fires when the window holds at least ' +
  'minCount requests and a count that high has a Poisson chance below pValue; it is raised once per episode and ' +
  'updated after. Deliveries of alerts other than critical wait for the end of the quiet hours (local time).';

@ApiTags('early-warning')
@ApiBearerAuth()
@Controller('v1')
export class WarningSettingsController {
  constructor(private readonly db: TenantDb) {}

  @Get('hotspot-settings')
  @ApiOperation({ summary: 'The tenant’s surge thresholds and quiet hours', description: HOTSPOT_DESCRIPTION })
  @Roles('supervisor', 'tenant-admin')
  async hotspot(@CurrentIdentity() who: Identity) {
    const s = await this.db.read(who.tenantId, (m) => loadWarningSettings(m, who.tenantId));
    return { ...s.hotspot, isDefault: s.hotspotIsDefault };
  }

  @Put('hotspot-settings')
  @ApiOperation({ summary: 'Set the surge thresholds and quiet hours', description: HOTSPOT_DESCRIPTION })
  @ApiZodBody(HotspotSettingsBody)
  @Roles('tenant-admin')
  async setHotspot(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const settings = validate(HotspotSettingsBody, body);
    await this.db.run(who.tenantId, (m) => saveHotspotSettings(m, who.tenantId, settings, who.subject));
    return { ...settings, isDefault: false };
  }

  @Get('risk-patterns')
  @ApiOperation({ summary: 'The tenant’s risk and public-opinion (舆情) patterns, or the documented defaults' })
  @Roles('supervisor', 'tenant-admin')
  async riskPatterns(@CurrentIdentity() who: Identity) {
    const s = await this.db.read(who.tenantId, (m) => loadWarningSettings(m, who.tenantId));
    return { patterns: s.riskPatterns, isDefault: s.riskPatternsAreDefault };
  }

  @Put('risk-patterns')
  @ApiOperation({
    summary: 'Replace the risk and public-opinion patterns',
    description: 'A term matches when it appears in the request’s title or content; `a+b` when every part does. Only the codes matched are kept.',
  })
  @ApiZodBody(RiskPatternsBody)
  @Roles('tenant-admin')
  async setRiskPatterns(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const { patterns } = validate(RiskPatternsBody, body);
    await this.db.run(who.tenantId, (m) => saveRiskPatterns(m, who.tenantId, patterns, who.subject));
    return { patterns, isDefault: false };
  }
}
