import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { listChannels } from './channels.repository';
import { ChannelCode, CreateChannelBody, ListChannelsQuery, UpdateChannelBody } from './channels.schemas';
import { toChannelView } from './channels.views';
import { createChannel } from './create-channel.command';
import { updateChannel } from './update-channel.command';

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

  /** Rename a channel or switch it on or off (its code and kind stay); announced as ChannelConfigured. */
  @Patch(':code')
  @ApiZodBody(UpdateChannelBody)
  @Roles('tenant-admin')
  async update(@CurrentIdentity() who: Identity, @Param('code') code: string, @Body() body: unknown) {
    const channelCode = validate(ChannelCode, code, 'code');
    const input = validate(UpdateChannelBody, body);
    const channel = await this.db.run(who.tenantId, (m) => updateChannel(m, this.outbox, channelCode, input));
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
