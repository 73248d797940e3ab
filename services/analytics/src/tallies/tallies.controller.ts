import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { talliesPage } from './tallies.query';
import { TalliesQuery, TalliesQueryShape } from './tallies.schemas';
import { talliesView } from './tallies.views';

@ApiTags('event-tallies')
@ApiBearerAuth()
@Controller('v1/event-tallies')
export class TalliesController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({
    summary: 'Events seen per type and local day (Asia/Shanghai) of their publication',
    description: 'Tallies of the caller\'s tenant within from..to (inclusive local days), ordered by day then event type; total = tallies in the range.',
  })
  @ApiZodQuery(TalliesQueryShape)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(TalliesQuery, query, 'query');
    return talliesView(q, await talliesPage(this.db, who.tenantId, q));
  }
}
