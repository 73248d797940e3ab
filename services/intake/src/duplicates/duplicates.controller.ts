import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { RequestIdParam } from '../requests/requests.schemas';
import { DuplicateSearchPolicy } from './duplicate-policy';
import { DuplicateProbeBody } from './duplicates.schemas';
import { candidatesForDraft, candidatesForRequest } from './find-duplicate-candidates.query';
import { RequesterMatchKeys } from './requester-match-keys';

/**
 * Duplicate candidates (重复诉求) for 并单: by the same requester (keyed hash of the phone), the
 * same address, the same 信访 / 互联网+督查 case, or similar text, across channels, within the
 * window. The agent merges by registering the repeat with `duplicateOf`.
 */
@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('v1')
export class DuplicatesController {
  constructor(
    private readonly db: TenantDb,
    private readonly keys: RequesterMatchKeys,
    private readonly policy: DuplicateSearchPolicy,
  ) {}

  /** While a contact is entered: nothing is stored, the phone and address are only hashed. */
  @Post('duplicate-candidates')
  @HttpCode(200)
  @ApiZodBody(DuplicateProbeBody)
  @Roles('agent')
  draft(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(DuplicateProbeBody, body);
    return this.db.read(who.tenantId, (m) => candidatesForDraft(m, this.keys, this.policy, who.tenantId, input));
  }

  @Get('requests/:id/duplicate-candidates')
  @Roles('agent', 'dispatcher', 'supervisor')
  ofRequest(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const requestId = validate(RequestIdParam, id, 'id');
    return this.db.read(who.tenantId, (m) => candidatesForRequest(m, this.policy, requestId));
  }
}
