import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Identity } from '../auth/identity';
import { CurrentIdentity, Roles } from '../http/auth';
import { ApiZodQuery } from '../http/openapi';
import { validate } from '../http/problem';
import { TenantDb } from '../service/tenant-db';
import { listNotifications, ListNotificationsQuery } from './notifications.query';

/**
 * The notifications this service sent or is sending for the tenant (ADR 0029): for the hotline
 * to see that a requester or a unit was told, and which deliveries are retrying or failed.
 * Recipients are masked; the address is never shown.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly db: TenantDb) {}

  @Get()
  @ApiOperation({ summary: "The tenant's notifications and their delivery, newest first (filter by status, template, recipient kind, request)" })
  @ApiZodQuery(ListNotificationsQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListNotificationsQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => listNotifications(m, q));
  }
}
