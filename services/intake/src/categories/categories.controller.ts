import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { ListCategoriesQuery, listCategories, replaceCategories, ReplaceCategoriesBody } from './categories';

@ApiTags('categories')
@ApiBearerAuth()
@Controller('v1/categories')
export class CategoriesController {
  constructor(private readonly db: TenantDb) {}

  @Put()
  @ApiZodBody(ReplaceCategoriesBody)
  @Roles('tenant-admin')
  async replace(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(ReplaceCategoriesBody, body);
    const count = await this.db.run(who.tenantId, (m) => replaceCategories(m, who.tenantId, input));
    return { count };
  }

  @Get()
  @ApiZodQuery(ListCategoriesQuery)
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListCategoriesQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => listCategories(m, input));
  }
}
