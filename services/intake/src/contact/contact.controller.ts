import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CONTACT_REACHERS, CONTACT_VIEWERS } from '@hotline/intake-domain';
import { ApiZodBody, CurrentIdentity, Identity, PiiCipher, Roles, TenantDb, validate } from '@hotline/platform';
import { UNIT_ROLES } from '@hotline/vocabulary';
import { RequestIdParam } from '../requests/requests.schemas';
import { loadContactPolicy, saveContactPolicy } from './contact-policy.repository';
import { contactView } from './contact-view.query';
import { CallReferenceBody, PutContactPolicyBody, RevealContactBody } from './contact.schemas';
import { issueCallReference } from './issue-call-reference.command';
import { RevealLimitFilter } from './reveal-limit';
import { revealPhone } from './reveal-phone.command';
import { HeaderCarrier, refuseStoredReplay } from './stored-replay';

/**
 * Contact with the requester for the handling unit (ADR 0030): the masked contact, the phone
 * revealed for a stated purpose (audited, capped per user and day), or a call through the
 * platform's telephony that never shows the number.
 */
@ApiTags('requester-contact')
@ApiBearerAuth()
@Controller('v1')
export class ContactController {
  constructor(
    private readonly db: TenantDb,
    private readonly cipher: PiiCipher,
  ) {}

  @Get('requests/:id/contact')
  @ApiOperation({ summary: "The requester's masked name and phone, and whether (or why not) the caller can reveal the phone or call through the platform" })
  @Roles(...CONTACT_VIEWERS)
  contact(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const requestId = validate(RequestIdParam, id, 'id');
    return this.db.read(who.tenantId, (m) => contactView(m, this.cipher, who, requestId));
  }

  @Post('requests/:id/contact/reveal')
  @HttpCode(200)
  @UseFilters(RevealLimitFilter)
  @ApiOperation({ summary: "The requester's phone in clear (nothing else) for a stated purpose; audited, and capped per unit user and day (429)" })
  @ApiZodBody(RevealContactBody)
  @Roles(...CONTACT_REACHERS)
  reveal(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown, @Req() http: HeaderCarrier) {
    refuseStoredReplay(http);
    const requestId = validate(RequestIdParam, id, 'id');
    const input = validate(RevealContactBody, body);
    return this.db.run(who.tenantId, (m) => revealPhone(m, this.cipher, who, requestId, input));
  }

  @Post('requests/:id/contact/call-reference')
  @HttpCode(201)
  @ApiOperation({ summary: 'A short-lived, single-use reference the telephony system exchanges for the number: the caller never sees it' })
  @ApiZodBody(CallReferenceBody)
  @Roles(...CONTACT_REACHERS)
  callReference(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown, @Req() http: HeaderCarrier) {
    refuseStoredReplay(http);
    const requestId = validate(RequestIdParam, id, 'id');
    const input = validate(CallReferenceBody, body);
    return this.db.run(who.tenantId, (m) => issueCallReference(m, who, requestId, input, new Date()));
  }

  @Get('contact-policy')
  @ApiOperation({ summary: "The tenant's cap on phone reveals per unit user and day, and whether it is the tenant's own or the default" })
  @Roles('tenant-admin', 'supervisor', ...UNIT_ROLES)
  policy(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => loadContactPolicy(m));
  }

  @Put('contact-policy')
  @ApiZodBody(PutContactPolicyBody)
  @Roles('tenant-admin')
  putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutContactPolicyBody, body);
    return this.db.run(who.tenantId, async (m) => {
      await saveContactPolicy(m, who.tenantId, input, new Date(), who.subject);
      return loadContactPolicy(m);
    });
  }
}
