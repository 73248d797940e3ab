import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { ListCategoriesQuery, PublishTaxonomyBody } from './categories.schemas';
import { listCategories } from './list-categories.query';
import { publishTaxonomy } from './publish-taxonomy.command';

@ApiTags('categories')
@ApiBearerAuth()
@Controller('v1/categories')
export class CategoriesController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  /** Publishes the whole taxonomy as its next version. */
  @Put()
  @ApiZodBody(PublishTaxonomyBody)
  @Roles('tenant-admin')
  publish(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PublishTaxonomyBody, body);
    return this.db.run(who.tenantId, (m) => publishTaxonomy(m, this.outbox, who.tenantId, input, who.subject));
  }

  @Get()
  @ApiZodQuery(ListCategoriesQuery)
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListCategoriesQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listCategories(m, input));
  }
}
