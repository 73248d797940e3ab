import { ServiceDefinition } from '@hotline/platform';
import { ChannelsController } from './channels/channels.controller';
import { intakeGrpc } from './channels/channels.grpc';
import { entities, migrations } from './persistence/schema';

/** intake: contacts and requests (诉求), requester identities, channels, public lookup. */
export const intakeService: ServiceDefinition = {
  name: 'intake',
  entities,
  migrations,
  controllers: [ChannelsController],
  grpc: (ctx) => [intakeGrpc(ctx)],
};
