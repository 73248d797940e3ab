import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { registerUnit } from './register-unit.command';
import { listUnits } from './units.query';
import { ListUnitsQuery, RegisterUnitBody, UnitIdParams, UpdateUnitBody } from './units.schemas';
import { updateUnit } from './update-unit.command';
import { toUnitView } from './units.views';

@ApiTags('units')
@ApiBearerAuth()
@Controller('v1/units')
export class UnitsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiZodBody(RegisterUnitBody)
  @Roles('tenant-admin')
  async register(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(RegisterUnitBody, body);
    const unit = await this.db.run(who.tenantId, (m) => registerUnit(m, this.outbox, who.tenantId, input));
    return toUnitView(unit);
  }

  /** Renames a unit, changes its areas, moves it under another parent, deactivates or reactivates it; UnitChanged announces it. */
  @Patch(':id')
  @ApiZodBody(UpdateUnitBody)
  @Roles('tenant-admin')
  async update(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { id } = validate(UnitIdParams, params, 'path');
    const input = validate(UpdateUnitBody, body);
    return toUnitView(await this.db.run(who.tenantId, (m) => updateUnit(m, this.outbox, who, id, input)));
  }

  @Get()
  @ApiZodQuery(ListUnitsQuery)
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { area } = validate(ListUnitsQuery, query, 'query');
    const units = await this.db.run(who.tenantId, (m) => listUnits(m, area));
    return { items: units.map(toUnitView) };
  }
}
