import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { parseRequestNumber } from '@hotline/intake-domain';
import { ApiZodBody, ApiZodQuery, ProblemError, Public, TenantCode, TenantDb, TenantDirectory, validate } from '@hotline/platform';
import { PublicLookupPolicy } from '../config';
import { RequesterMatchKeys } from '../duplicates/requester-match-keys';
import { LookupRefusalFilter, LookupRefused } from './lookup-refusal';
import { publicLookup } from './public-progress.query';
import { PublicCreateRequestBody, PublicLookupQuery } from './requests.schemas';
import { Registrar } from './registrar';
import { submitOnlineRequest } from './submit-online-request.command';

/**
 * The public side: online submission and progress lookup (流水号 + 提取码) under the city
 * hotline's (tenant's) own path, as its portal publishes them. Only an active tenant of the
 * registry has one: any other path answers 404 and writes nothing.
 */
@ApiTags('public')
@ApiParam({ name: 'tenant', description: 'the city hotline, e.g. city-3201' })
@Controller('v1/public/:tenant/requests')
export class PublicRequestsController {
  constructor(
    private readonly db: TenantDb,
    private readonly registrar: Registrar,
    private readonly tenants: TenantDirectory,
    private readonly lockout: PublicLookupPolicy,
    private readonly keys: RequesterMatchKeys,
  ) {}

  private async activeTenant(tenant: string): Promise<string | undefined> {
    const parsed = TenantCode.safeParse(tenant);
    return parsed.success && (await this.tenants.isActive(parsed.data)) ? parsed.data : undefined;
  }

  @Post()
  @HttpCode(201)
  @Public()
  @ApiZodBody(PublicCreateRequestBody)
  async submit(@Param('tenant') tenant: string, @Body() body: unknown) {
    validate(TenantCode, tenant, 'path.tenant');
    const tenantId = await this.activeTenant(tenant);
    if (!tenantId) throw ProblemError.notFound(`hotline ${tenant}`);
    const input = validate(PublicCreateRequestBody, body);
    const { request, accessCode } = await this.db.run(tenantId, (m) => submitOnlineRequest(m, this.registrar, tenantId, input, new Date(), this.keys));
    return { number: request.number, accessCode, status: request.status };
  }

  /**
   * Unknown tenant, malformed number, unknown number and wrong code all answer the same 404; a
   * number with too many wrong codes answers 429 with Retry-After, even to the right code.
   */
  @Get(':number')
  @Public()
  @UseFilters(LookupRefusalFilter)
  @ApiZodQuery(PublicLookupQuery)
  async lookup(@Param('tenant') tenant: string, @Param('number') number: string, @Query() query: unknown) {
    const { code } = validate(PublicLookupQuery, query, 'query');
    const tenantId = await this.activeTenant(tenant);
    if (!parseRequestNumber(number) || !tenantId) throw LookupRefused.notFound();
    // Written (the wrong code counts) and committed before the refusal is thrown.
    const result = await this.db.run(tenantId, (m) => publicLookup(m, tenantId, number, code, this.lockout));
    if (result.outcome === 'found') return result.progress;
    throw result.outcome === 'locked' ? LookupRefused.locked(result.retryAfterSeconds) : LookupRefused.notFound();
  }
}
