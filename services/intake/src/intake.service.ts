import { ServiceDefinition } from '@hotline/platform';
import { CategoriesController } from './categories/categories.controller';
import { ChannelsController } from './channels/channels.controller';
import { intakeGrpc } from './channels/channels.grpc';
import { intakeConfigSchema } from './config';
import { PiiCipher } from './pii/pii-cipher';
import { entities, migrations } from './persistence/schema';
import { PublicRequestsController } from './requests/public-requests.controller';
import { RequestsController } from './requests/requests.controller';
import { timelineConsumers } from './timeline/timeline-consumer';

/** intake: contacts and requests (诉求), requester identities, channels, public lookup. */
export const intakeService: ServiceDefinition = {
  name: 'intake',
  description:
    "Intake (受理): every contact recorded, requests with encrypted requester identity, scope decisions, direct answers, and the public progress lookup.",
  configSchema: intakeConfigSchema,
  entities,
  migrations,
  controllers: [ChannelsController, CategoriesController, RequestsController, PublicRequestsController],
  providers: (ctx) => [{ provide: PiiCipher, useValue: PiiCipher.fromBase64(String(ctx.serviceConfig['PII_MASTER_KEY'])) }],
  grpc: (ctx) => [intakeGrpc(ctx)],
  consumers: timelineConsumers,
};
