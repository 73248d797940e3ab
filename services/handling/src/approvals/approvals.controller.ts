import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EXTENSION_DECIDERS, PAUSE_DECIDERS } from '@hotline/handling-domain';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { listPendingApprovals } from './approvals.query';
import { ListApprovalsQuery } from './approvals.schemas';

/** 延期与暂停审批: the tenant's pending extension and pause requests in one queue (decided on each order's own endpoints). */
@ApiTags('approvals')
@ApiBearerAuth()
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({ summary: 'Pending extension and pause requests (kind= to narrow), oldest ask first, each with its order and the handling due now' })
  @ApiZodQuery(ListApprovalsQuery)
  @Roles(...new Set([...EXTENSION_DECIDERS, ...PAUSE_DECIDERS]))
  list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListApprovalsQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listPendingApprovals(m, input));
  }
}
