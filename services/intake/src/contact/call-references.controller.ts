import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentIdentity, Identity, PiiCipher, Roles, TenantDb, validate } from '@hotline/platform';
import { ResolveCallReferenceBody } from './contact.schemas';
import { resolveCallReference } from './resolve-call-reference.command';
import { HeaderCarrier, refuseStoredReplay } from './stored-replay';

/**
 * The telephony side of click-to-call: the tenant's telephony system (a token of its identity
 * provider with the role `telephony` and the tenant's claim, as any client) exchanges a call
 * reference for the number it dials. The reference goes in the body, never in a URL or a log.
 */
@ApiTags('requester-contact')
@ApiBearerAuth()
@Controller('v1/call-references')
export class CallReferencesController {
  constructor(
    private readonly db: TenantDb,
    private readonly cipher: PiiCipher,
  ) {}

  @Post('resolution')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a call reference, once and before it expires, for the number to dial (audited); 410 when used or expired' })
  @ApiZodBody(ResolveCallReferenceBody)
  @Roles('telephony')
  resolve(@CurrentIdentity() who: Identity, @Body() body: unknown, @Req() http: HeaderCarrier) {
    refuseStoredReplay(http);
    const input = validate(ResolveCallReferenceBody, body);
    return this.db.run(who.tenantId, (m) => resolveCallReference(m, this.cipher, who, input, new Date()));
  }
}
