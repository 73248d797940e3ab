import { intakeV1 } from '@hotline/contracts';
import { GrpcServiceBinding, ServiceContext, unary } from '@hotline/platform';
import { listChannels } from './channels.repository';
import { toChannelMessage } from './channels.views';

export function intakeGrpc(ctx: ServiceContext): GrpcServiceBinding {
  const implementation: intakeV1.IntakeServiceServer = {
    // As GET /v1/channels.
    listChannels: unary(ctx, { roles: ['agent', 'dispatcher', 'supervisor', 'tenant-admin'] }, async (request: intakeV1.ListChannelsRequest, call) => {
      const channels = await ctx.db.run(call.tenantId, (m) => listChannels(m, request.enabledOnly));
      return { channels: channels.map(toChannelMessage) };
    }),
  };
  return { definition: intakeV1.IntakeServiceService, implementation };
}
