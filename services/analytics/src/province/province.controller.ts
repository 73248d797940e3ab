import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, TenantDb, TenantDirectory, validate } from '@hotline/platform';
import { isWithinArea } from '@hotline/vocabulary';
import { CityFigures, cityFigures, provinceRates } from './province.query';
import { ProvinceOverviewQuery, ProvinceOverviewQueryShape } from './province.schemas';

@ApiTags('province')
@ApiBearerAuth()
@Controller('v1/province')
export class ProvinceController {
  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantDirectory,
  ) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Aggregates of every city of the province (volumes, overdue orders, alerts, largest hotspots, the three rates)',
    description:
      'For the province operator: per city (the cities of the directory within the province’s region, or all when the ' +
      'province has none) the requests received, work orders and overdue ones, surge and risk alerts raised within ' +
      'from..to (local days), the five largest surges by category × area, and the three rates of the requests received ' +
      '(rates: responseRate over responseDenominator with signedOnTime, resolutionRate over revisits with ' +
      'resolutionNumerator, satisfactionRate over validEvaluations with satisfactionNumerator; null when the denominator ' +
      'is 0), computed with the city’s own rate settings (rateBasis) as its dashboard shows them. totals.rates: the sums ' +
      'of the cities’ numerators over the sums of their denominators; totals.sameRateBasis: false when the cities count ' +
      'with different settings (weights or exclusions), so the province figure mixes them. Counts only: a city’s ' +
      'requests stay the city’s (every single-request view answers 404 to the province).',
  })
  @ApiZodQuery(ProvinceOverviewQueryShape)
  @Roles('province-operator')
  async overview(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ProvinceOverviewQuery, query, 'query');
    const all = await this.tenants.list();
    const province = all.find((t) => t.code === who.tenantId);
    if (province?.kind !== 'province') throw ProblemError.forbidden('only a province tenant sees the province overview');
    const cities = all.filter((t) => t.kind === 'city' && (!province.regionCode || (t.regionCode && isWithinArea(t.regionCode, province.regionCode))));
    const items: Array<CityFigures & { tenant: string; name: string; status: string }> = [];
    for (const city of cities) items.push({ tenant: city.code, name: city.name, status: city.status, ...(await this.db.read(city.code, (m) => cityFigures(m, city.code, q))) });
    const total = (key: 'requests' | 'workOrders' | 'overdueWorkOrders' | 'surgeAlerts' | 'riskAlerts') => items.reduce((n, i) => n + i[key], 0);
    return {
      from: q.from ?? null,
      to: q.to ?? null,
      totals: {
        requests: total('requests'), workOrders: total('workOrders'), overdueWorkOrders: total('overdueWorkOrders'), surgeAlerts: total('surgeAlerts'), riskAlerts: total('riskAlerts'),
        rates: provinceRates(items.map((i) => i.rates)),
        sameRateBasis: new Set(items.map(({ rateBasis: b }) => JSON.stringify([b.basicallySatisfiedWeight, b.partlyResolvedWeight, b.excludeTerminated, b.excludeUnreasonableEvaluations]))).size <= 1,
      },
      items,
    };
  }
}
