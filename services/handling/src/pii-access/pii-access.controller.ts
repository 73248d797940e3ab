import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { listPiiAccess } from './pii-access.repository';
import { PiiAccessLogQuery } from './pii-access.schemas';
import { toPiiAccessView } from './pii-access.views';

@ApiTags('pii-access-log')
@ApiBearerAuth()
@Controller('v1/pii-access-log')
export class PiiAccessLogController {
  constructor(private readonly db: TenantDb) {}

  /** Every clear read of a work order's free text: who, with which roles, why, which order and fields, when. */
  @Get()
  @ApiZodQuery(PiiAccessLogQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const filter = validate(PiiAccessLogQuery, query, 'query');
    const [items, total] = await this.db.read(who.tenantId, (m) => listPiiAccess(m, filter));
    return { items: items.map(toPiiAccessView), total, limit: filter.limit, offset: filter.offset };
  }
}
