import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { listTallies } from './tallies';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const TalliesQuery = z.object({ from: day.optional(), to: day.optional() });

@ApiTags('event-tallies')
@ApiBearerAuth()
@Controller('v1/event-tallies')
export class TalliesController {
  constructor(private readonly db: TenantDb) {}

  /** Events seen per type and local day for the caller's tenant. */
  @Get()
  @ApiOperation({ summary: 'Events seen per type and local day (Asia/Shanghai) of their publication' })
  @ApiZodQuery(TalliesQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { from, to } = validate(TalliesQuery, query, 'query');
    return { items: await this.db.run(who.tenantId, (m) => listTallies(m, from, to)) };
  }
}
