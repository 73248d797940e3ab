import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiZodBody, CurrentIdentity, Identity, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { findCatalog, publishCatalog, PublishCatalogBody } from './catalog';

const VersionParams = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) });

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
    const catalog = await this.db.run(who.tenantId, (m) => findCatalog(m));
    if (!catalog) throw ProblemError.notFound('published dispatch catalog');
    return catalog;
  }

  @Get('versions/:version')
  @Roles('dispatcher', 'supervisor', 'tenant-admin')
  async version(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { version } = validate(VersionParams, params, 'path');
    const catalog = await this.db.run(who.tenantId, (m) => findCatalog(m, version));
    if (!catalog) throw ProblemError.notFound(`dispatch catalog version ${version}`);
    return catalog;
  }
}
