import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { findDispatch } from './dispatching.repository';
import { RequestIdParams } from './dispatching.schemas';
import { toDispatchView } from './dispatching.views';

@ApiTags('dispatches')
@ApiBearerAuth()
@Controller('v1/dispatches')
export class DispatchesController {
  constructor(private readonly db: TenantDb) {}

  @Get(':requestId')
  @Roles('dispatcher', 'supervisor', 'tenant-admin')
  async get(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { requestId } = validate(RequestIdParams, params, 'path');
    const dispatch = await this.db.run(who.tenantId, (m) => findDispatch(m, requestId));
    if (!dispatch) throw ProblemError.notFound(`dispatch of request ${requestId}`);
    return toDispatchView(dispatch);
  }
}
