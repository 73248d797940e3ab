import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { declineReasons, transferGroups } from './linkage-transfers.repository';
import { LinkageTransfersQuery, LinkageTransfersQueryShape } from './linkage-transfers.schemas';
import { linkageTransfersView } from './linkage-transfers.views';

const DESCRIPTION =
  'Transfers of the 12345↔110 interconnect and the other counterparts offered within from..to (inclusive local days in the ' +
  'tenant’s time zone, Asia/Shanghai until known), from intake\'s TransferOffered and TransferDecided. directions = one row per direction (outgoing: ' +
  '12345 → counterpart; incoming: counterpart → 12345, accepted at once); items = one row per direction × counterpart × ' +
  'method. pending = offered and not yet decided; decided = accepted + declined + expired (no answer in time); ' +
  'acceptanceRate = accepted / decided, null when nothing is decided, rounded to 4 decimals; secondsToAcceptance = ' +
  'p50, p90 and max of the seconds from offer to acceptance over the accepted ones (null when none); declineReasons = ' +
  'the declined ones by reason code, most frequent first.';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('v1/metrics')
export class LinkageMetricsController {
  constructor(private readonly db: TenantDb) {}

  @Get('linkage-transfers')
  @ApiOperation({ summary: 'Interconnect transfers by direction, counterpart, method and outcome, with the time to acceptance', description: DESCRIPTION })
  @ApiZodQuery(LinkageTransfersQueryShape)
  @Roles('supervisor', 'tenant-admin')
  async linkageTransfers(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(LinkageTransfersQuery, query, 'query');
    return this.db.run(who.tenantId, async (m) => linkageTransfersView(q, await transferGroups(m, q), await declineReasons(m, q)));
  }
}
