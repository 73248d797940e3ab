import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { listChannels } from './channels.repository';
import { CreateChannelBody, ListChannelsQuery } from './channels.schemas';
import { toChannelView } from './channels.views';
import { createChannel } from './create-channel.command';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('v1/channels')
export class ChannelsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiZodBody(CreateChannelBody)
  @Roles('tenant-admin')
  async create(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(CreateChannelBody, body);
    const channel = await this.db.run(who.tenantId, (m) => createChannel(m, this.outbox, who.tenantId, input));
    return toChannelView(channel);
  }

  @Get()
  @ApiZodQuery(ListChannelsQuery)
  @Roles('agent', 'dispatcher', 'supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { enabled } = validate(ListChannelsQuery, query, 'query');
    const channels = await this.db.run(who.tenantId, (m) => listChannels(m, enabled === 'true'));
    return { items: channels.map(toChannelView) };
  }
}
