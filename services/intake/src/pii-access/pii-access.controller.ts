import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { findPiiAccesses } from './pii-access-log';
import { ListPiiAccessQuery, ListPiiAccessShape } from './pii-access.schemas';
import { toPiiAccessView } from './pii-access.views';

/** The access log of personal data read in clear, for the tenant's supervisors and administrators (等保 security audit). */
@ApiTags('pii-access-log')
@ApiBearerAuth()
@Controller('v1/pii-access-log')
export class PiiAccessLogController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiZodQuery(ListPiiAccessShape)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListPiiAccessQuery, query, 'query');
    const [rows, total] = await this.db.read(who.tenantId, (m) => findPiiAccesses(m, input));
    return { items: rows.map(toPiiAccessView), total, limit: input.limit, offset: input.offset };
  }
}
