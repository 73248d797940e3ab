import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, ProblemError, Roles, TenantDb, validate } from '@hotline/platform';
import { HOTLINE_WIDE_ROLES, UNIT_ROLES } from '@hotline/vocabulary';
import { unitDirectory } from '../units/units.query';
import { unitsByCodes } from '../units/units.repository';
import { NegotiationEntity } from './negotiation.entities';
import { ListNegotiationsQuery, NegotiationIdParams, OpenNegotiationBody, RespondBody, SettleBody } from './negotiation.schemas';
import { toNegotiationView } from './negotiation.views';
import { findNegotiation, negotiationsPage, responsesOf } from './negotiations.repository';
import { openNegotiation } from './open-negotiation.command';
import { respondToNegotiation } from './respond-to-negotiation.command';
import { settleNegotiation } from './settle-negotiation.command';

/**
 * What a caller may see: everything for the hotline (undefined); for a unit's staff the id of
 * their unit (negotiations it is a candidate of), or 'none' when their token names no known unit.
 */
async function candidateScope(m: EntityManager, who: Identity): Promise<string | 'none' | undefined> {
  if (who.roles.some((r) => HOTLINE_WIDE_ROLES.includes(r))) return undefined;
  const [unit] = who.unit ? await unitsByCodes(m, [who.unit]) : [];
  return unit?.id ?? 'none';
}

/** One negotiation as the API shows it, with its answers and its units named. */
async function viewOf(m: EntityManager, n: NegotiationEntity) {
  return toNegotiationView(n, await responsesOf(m, [n.id]), await unitDirectory(m, n.candidateUnitIds));
}

/** 协商: the hotline opens it among candidate units, they answer, it settles 主办 and 协办. */
@ApiTags('negotiations')
@ApiBearerAuth()
@Controller('v1/negotiations')
export class NegotiationsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Opens a negotiation (协商) among candidate units for a request waiting in the queue' })
  @ApiZodBody(OpenNegotiationBody)
  @Roles('dispatcher', 'supervisor')
  async open(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(OpenNegotiationBody, body);
    return this.db.run(who.tenantId, async (m) => viewOf(m, await openNegotiation(m, this.outbox, who, input)));
  }

  @Get()
  @ApiOperation({ summary: "Negotiations, newest first, of one state when given; a unit's staff see those their unit is a candidate of" })
  @ApiZodQuery(ListNegotiationsQuery)
  @Roles('dispatcher', 'supervisor', 'tenant-admin', ...UNIT_ROLES)
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListNegotiationsQuery, query, 'query');
    return this.db.read(who.tenantId, async (m) => {
      const scope = await candidateScope(m, who);
      if (scope === 'none') return { items: [], total: 0, limit: q.limit, offset: q.offset };
      const { rows, total } = await negotiationsPage(m, { ...q, ...(scope ? { candidateUnitId: scope } : {}) });
      const responses = await responsesOf(m, rows.map((n) => n.id));
      const units = await unitDirectory(m, [...new Set(rows.flatMap((n) => n.candidateUnitIds))]);
      return { items: rows.map((n) => toNegotiationView(n, responses, units)), total, limit: q.limit, offset: q.offset };
    });
  }

  @Get(':negotiationId')
  @Roles('dispatcher', 'supervisor', 'tenant-admin', ...UNIT_ROLES)
  async get(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { negotiationId } = validate(NegotiationIdParams, params, 'path');
    return this.db.read(who.tenantId, async (m) => {
      const n = await findNegotiation(m, negotiationId);
      const scope = await candidateScope(m, who);
      // A unit's staff see only negotiations their unit is a candidate of; others are not found.
      if (!n || scope === 'none' || (scope && !n.candidateUnitIds.includes(scope))) throw ProblemError.notFound(`negotiation ${negotiationId}`);
      return viewOf(m, n);
    });
  }

  @Post(':negotiationId/responses')
  @HttpCode(201)
  @ApiOperation({ summary: "A candidate unit's answer: lead, assist or not its duty; settles the negotiation when all agree on one lead" })
  @ApiZodBody(RespondBody)
  @Roles(...UNIT_ROLES)
  async respond(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { negotiationId } = validate(NegotiationIdParams, params, 'path');
    const input = validate(RespondBody, body);
    return this.db.run(who.tenantId, async (m) => {
      return viewOf(m, await respondToNegotiation(m, this.outbox, who, negotiationId, input));
    });
  }

  @Post(':negotiationId/settlement')
  @HttpCode(200)
  @ApiOperation({ summary: 'The hotline fixes 主办 and 协办 (open or lapsed): the request is dispatched' })
  @ApiZodBody(SettleBody)
  @Roles('dispatcher', 'supervisor')
  async settle(@CurrentIdentity() who: Identity, @Param() params: unknown, @Body() body: unknown) {
    const { negotiationId } = validate(NegotiationIdParams, params, 'path');
    const input = validate(SettleBody, body);
    return this.db.run(who.tenantId, async (m) => viewOf(m, await settleNegotiation(m, this.outbox, who, negotiationId, input)));
  }
}
