import { ServiceDefinition } from '@hotline/platform';
import { ChannelsController } from './channels/channels.controller';
import { intakeGrpc } from './channels/channels.grpc';
import { entities, migrations } from './persistence/schema';

/** intake: contacts and requests (诉求), requester identities, channels, public lookup. */
export const intakeService: ServiceDefinition = {
  name: 'intake',
  description:
    "Intake (受理): every contact recorded, requests with encrypted requester identity, scope decisions, direct answers, and the public progress lookup.",
  entities,
  migrations,
  controllers: [ChannelsController],
  grpc: (ctx) => [intakeGrpc(ctx)],
};
