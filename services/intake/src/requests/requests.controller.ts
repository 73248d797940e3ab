import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CLEAR_READERS } from '@hotline/intake-domain';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, PiiCipher, Roles, TenantDb, validate } from '@hotline/platform';
import { HOTLINE_WIDE_ROLES } from '@hotline/vocabulary';
import { DuplicateSearchPolicy } from '../duplicates/duplicate-policy';
import { JustRegistered, requestLinks } from '../duplicates/request-links.query';
import { RequesterMatchKeys } from '../duplicates/requester-match-keys';
import { ClearReadQuery } from '../pii-access/pii-access.schemas';
import { terminatedMatchesOfRequest } from '../terminations/terminated-matches';
import { getRequest } from './get-request.query';
import { listRequests } from './list-requests.query';
import { readFreeTextInClear } from './read-free-text-in-clear.query';
import { readRequesterInClear } from './read-requester-in-clear.query';
import { registerRequest } from './register-request.command';
import { Registrar } from './registrar';
import { CreateRequest, CreateRequestBody, ListRequestsQuery, RequestIdParam } from './requests.schemas';
import { toRequestView } from './requests.views';

/** What registration itself tells of the new request's links, so the reads that cannot match are skipped. */
const justRegistered = (input: CreateRequest): JustRegistered => ({
  namedCases: (input.externalRefs?.length ?? 0) > 0,
  answeredFromArticles: (input.answerArticles?.length ?? 0) > 0,
});

@ApiTags('requests')
@ApiBearerAuth()
@Controller('v1/requests')
export class RequestsController {
  constructor(
    private readonly db: TenantDb,
    private readonly registrar: Registrar,
    private readonly cipher: PiiCipher,
    private readonly keys: RequesterMatchKeys,
    private readonly policy: DuplicateSearchPolicy,
  ) {}

  /**
   * Registers a contact. `terminatedMatches`: the terminated requests (诉求终结) it may repeat —
   * the same requester, or similar text in the same category — for the agent to answer such a
   * contact with decision `terminated-matter`.
   */
  @Post()
  @HttpCode(201)
  @ApiZodBody(CreateRequestBody)
  @Roles('agent')
  async create(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(CreateRequestBody, body);
    const { request, accessCode, requester, links, terminatedMatches } = await this.db.run(who.tenantId, async (m) => {
      const registered = await registerRequest(m, this.registrar, who, input, new Date(), this.keys);
      return {
        ...registered,
        links: await requestLinks(m, registered.request, justRegistered(input)),
        terminatedMatches: await terminatedMatchesOfRequest(m, registered.request, this.policy),
      };
    });
    return { ...toRequestView(request, requester), ...links, accessCode, terminatedMatches };
  }

  @Get()
  @ApiZodQuery(ListRequestsQuery)
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListRequestsQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listRequests(m, this.cipher, input));
  }

  /** Hotline staff, reviewers included (they read the request whose answer they review); identity masked. */
  @Get(':id')
  @Roles('agent', ...HOTLINE_WIDE_ROLES)
  get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const requestId = validate(RequestIdParam, id, 'id');
    return this.db.read(who.tenantId, (m) => getRequest(m, this.cipher, requestId));
  }

  /** The only clear read of requester identity, for a stated purpose; every disclosure is audited (pii_access_log). */
  @Get(':id/requester')
  @ApiZodQuery(ClearReadQuery)
  @Roles(...CLEAR_READERS.requester)
  requester(@CurrentIdentity() who: Identity, @Param('id') id: string, @Query() query: unknown) {
    const requestId = validate(RequestIdParam, id, 'id');
    const read = validate(ClearReadQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => readRequesterInClear(m, this.cipher, who, requestId, read));
  }

  /** The only clear read of the free text (title, content, detail at intake), for a stated purpose; audited like the requester. */
  @Get(':id/text')
  @ApiZodQuery(ClearReadQuery)
  @Roles(...CLEAR_READERS['free-text'])
  text(@CurrentIdentity() who: Identity, @Param('id') id: string, @Query() query: unknown) {
    const requestId = validate(RequestIdParam, id, 'id');
    const read = validate(ClearReadQuery, query, 'query');
    return this.db.run(who.tenantId, (m) => readFreeTextInClear(m, this.cipher, who, requestId, read));
  }
}
