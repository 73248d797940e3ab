import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { matchCatalog } from './catalog-match.query';
import { catalogMatchOf, CatalogMatchQuery } from './catalog-match.schemas';
import { catalogVersion } from './catalog-version.query';
import { CatalogVersionParams, PublishCatalogBody } from './catalog.schemas';
import { publishCatalog } from './publish-catalog.command';

@ApiTags('dispatch catalog')
@ApiBearerAuth()
@Controller('v1/catalog')
export class CatalogController {
  constructor(private readonly db: TenantDb) {}

  @Put()
  @HttpCode(200)
  @ApiZodBody(PublishCatalogBody)
  @Roles('tenant-admin')
  async publish(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PublishCatalogBody, body);
    return this.db.run(who.tenantId, (m) => publishCatalog(m, who.tenantId, who.subject, input));
  }

  @Get()
  @Roles('dispatcher', 'supervisor', 'tenant-admin')
  async inForce(@CurrentIdentity() who: Identity) {
    const catalog = await this.db.read(who.tenantId, (m) => catalogVersion(m));
    if (!catalog) throw ProblemError.notFound('published dispatch catalog');
    return catalog;
  }

  /** The units the catalog in force would choose for a category and area (nothing is dispatched). */
  @Get('match')
  @ApiZodQuery(CatalogMatchQuery)
  @Roles('agent', 'dispatcher', 'supervisor')
  async match(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = catalogMatchOf(validate(CatalogMatchQuery, query, 'query'));
    return this.db.read(who.tenantId, (m) => matchCatalog(m, input));
  }

  @Get('versions/:version')
  @Roles('dispatcher', 'supervisor', 'tenant-admin')
  async version(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { version } = validate(CatalogVersionParams, params, 'path');
    const catalog = await this.db.read(who.tenantId, (m) => catalogVersion(m, version));
    if (!catalog) throw ProblemError.notFound(`dispatch catalog version ${version}`);
    return catalog;
  }
}
