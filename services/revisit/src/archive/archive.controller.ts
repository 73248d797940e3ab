import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, PageQuery, Roles, TenantDb, validate } from '@hotline/platform';
import { listArchive } from './archive.query';
import { toArchiveView } from './archive.views';
import { verifyArchive } from './verify-archive.query';

@ApiTags('archive')
@ApiBearerAuth()
@Controller('v1/archive')
export class ArchiveController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiZodQuery(PageQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const page = validate(PageQuery, query, 'query');
    const records = await this.db.run(who.tenantId, (m) => listArchive(m, page));
    return { items: records.map(toArchiveView), ...page };
  }

  @Get('verify')
  @Roles('supervisor', 'tenant-admin')
  verify(@CurrentIdentity() who: Identity) {
    return this.db.run(who.tenantId, (m) => verifyArchive(m));
  }
}
