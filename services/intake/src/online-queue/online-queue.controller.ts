import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { In } from 'typeorm';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, PiiCipher, Roles, TenantDb, validate } from '@hotline/platform';
import { Registrar } from '../requests/registrar';
import { RequestEntity } from '../requests/request.entity';
import { RequestIdParam } from '../requests/requests.schemas';
import { maskedRequester, toRequestView } from '../requests/requests.views';
import { decideOnlineRequest } from './decide-online-request.command';
import { listQueueItems, queueStats } from './online-queue.repository';
import { ListOnlineQueueQuery, OnlineDecisionBody, OnlineQueueStatsQuery } from './online-queue.schemas';
import { toOnlineQueueView } from './online-queue.views';

const AGENTS = ['agent', 'supervisor'] as const;

/**
 * The online queue (网上诉求, ADR 0034): online submissions waiting for an agent's scope decision
 * within the tenant's response limit (3 minutes by default), the decision itself, and the
 * response figures.
 */
@ApiTags('online-queue')
@ApiBearerAuth()
@Controller('v1/online-queue')
export class OnlineQueueController {
  constructor(
    private readonly db: TenantDb,
    private readonly registrar: Registrar,
    private readonly cipher: PiiCipher,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Online submissions by state (default: every undecided one), most urgent first, with each clock' })
  @ApiZodQuery(ListOnlineQueueQuery)
  @Roles(...AGENTS)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListOnlineQueueQuery, query, 'query');
    const now = new Date();
    return this.db.read(who.tenantId, async (m) => {
      const [items, total] = await listQueueItems(m, input.state, now, input.limit, input.offset);
      const requests = await m.getRepository(RequestEntity).findBy({ id: In(items.map((i) => i.requestId)) });
      const byId = new Map(requests.map((r) => [r.id, r]));
      const views = items.flatMap((item) => {
        const request = byId.get(item.requestId);
        return request ? [toOnlineQueueView(item, request, maskedRequester(this.cipher, request), now)] : [];
      });
      return { items: views, total, limit: input.limit, offset: input.offset };
    });
  }

  @Get('stats')
  @ApiOperation({ summary: 'Response figures of the submissions received in [from, to) (default: the last 24 hours): decided within the limit, overdue, open' })
  @ApiZodQuery(OnlineQueueStatsQuery)
  @Roles('supervisor', 'tenant-admin')
  async stats(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(OnlineQueueStatsQuery, query, 'query');
    const now = new Date();
    const to = input.to ? new Date(input.to) : now;
    const from = input.from ? new Date(input.from) : new Date(to.getTime() - 24 * 3600 * 1000);
    const figures = await this.db.read(who.tenantId, (m) => queueStats(m, from, to, now));
    // 按时响应率: decided in time over those whose limit has come (decided, or overdue while open).
    const due = figures.decided + figures.openOverdue;
    return { from: from.toISOString(), to: to.toISOString(), ...figures, inTimeRate: due === 0 ? null : figures.decidedInTime / due, inTimeDenominator: due };
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the scope decision on a waiting online submission: dispatched, merged or closed at intake as a phone contact would be; once only (409)' })
  @ApiZodBody(OnlineDecisionBody)
  @Roles(...AGENTS)
  async decide(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const requestId = validate(RequestIdParam, id, 'id');
    const input = validate(OnlineDecisionBody, body);
    return this.db.run(who.tenantId, async (m) => {
      const decided = await decideOnlineRequest(m, this.registrar, who, requestId, input);
      return toRequestView(decided, maskedRequester(this.cipher, decided));
    });
  }
}
