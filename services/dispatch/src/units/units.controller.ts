import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { AreaCode, listUnits, registerUnit, RegisterUnitBody, toUnitView } from './units';

const ListQuery = z.object({ area: AreaCode.optional() });

@Controller('v1/units')
export class UnitsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('tenant-admin')
  async register(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(RegisterUnitBody, body);
    const unit = await this.db.run(who.tenantId, (m) => registerUnit(m, this.outbox, who.tenantId, input));
    return toUnitView(unit);
  }

  @Get()
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { area } = validate(ListQuery, query, 'query');
    const units = await this.db.run(who.tenantId, (m) => listUnits(m, area));
    return { items: units.map(toUnitView) };
  }
}
