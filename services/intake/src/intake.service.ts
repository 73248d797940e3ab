import { ATTACHMENT_CEILING_BYTES, attachmentErasureWorkers, Attachments } from '@hotline/attachments';
import { NotificationsController, PiiCipher, piiCommand, ServiceDefinition } from '@hotline/platform';
import { RequestAttachmentsController } from './attachments/attachments.controller';
import { CategoriesController } from './categories/categories.controller';
import { ClassificationController } from './classification/classification.controller';
import { ClassificationTraining } from './classification/classification-training';
import { ClassifierCache } from './classification/classifier-cache';
import { ChannelsController } from './channels/channels.controller';
import { CallRecordsController } from './calls/call-records.controller';
import { callTimers } from './calls/callback-overdue.timer';
import { CallbacksController } from './calls/callbacks.controller';
import { CallReferencesController } from './contact/call-references.controller';
import { ContactController } from './contact/contact.controller';
import { DuplicateSearchPolicy } from './duplicates/duplicate-policy';
import { DuplicatesController } from './duplicates/duplicates.controller';
import { RequesterMatchKeys } from './duplicates/requester-match-keys';
import { intakeGrpc } from './channels/channels.grpc';
import { intakeConfigSchema, PublicLookupPolicy } from './config';
import { IntakePolicyController } from './intake-policy/intake-policy.controller';
import { KnowledgeController } from './knowledge/knowledge.controller';
import { LinkageController } from './linkage/linkage.controller';
import { linkageHandlers, linkageTimers } from './linkage/linkage.handlers';
import { riskNoticeHandlers } from './linkage/risk-notice.handlers';
import { riskNoticeTimers } from './linkage/risk-notice.timer';
import { RiskNoticesController } from './linkage/risk-notices.controller';
import { onExtensionDecidedNotify } from './notifications/on-extension-decided.handler';
import { intakeNotificationWorkers } from './notifications/notifications.worker';
import { LinkageSettings } from './linkage/linkage-settings';
import { entities, migrations, PII_COLUMNS } from './persistence/schema';
import { OnlineQueueController } from './online-queue/online-queue.controller';
import { onlineQueueTimers } from './online-queue/online-queue.timers';
import { PiiAccessLogController } from './pii-access/pii-access.controller';
import { FreeTextSealing } from './requests/free-text-sealing';
import { PublicRequestsController } from './requests/public-requests.controller';
import { Registrar } from './requests/registrar';
import { RequestNumbers } from './requests/request-numbers';
import { RequestsController } from './requests/requests.controller';
import { SharingController } from './sharing/sharing.controller';
import { SharingPushController } from './sharing/push.controller';
import { sharingPushWorkers } from './sharing/push-delivery.worker';
import { tenantsCommand } from './tenants/tenants.command';
import { TenantsController } from './tenants/tenants.controller';
import { TerminationsController } from './terminations/terminations.controller';
import { TransfersController } from './transfers/transfers.controller';
import { timelineHandlers } from './timeline/timeline.handlers';
import { onRequestAnonymised } from './retention/on-request-anonymised.handler';

/** intake: the tenant registry, contacts and requests (诉求), requester identities, channels, taxonomy, status, public lookup. */
export const intakeService: ServiceDefinition = {
  name: 'intake',
  description:
    'Intake (受理): every contact recorded, requests with encrypted requester identity (or none when anonymous) and masked ' +
    'free text, audited clear reads, scope decisions, direct answers, the versioned content taxonomy, the request status and ' +
    'its timeline, and the public progress lookup.',
  // A whole taxonomy of 3000 categories with Chinese names is above the 256 KiB default.
  // An import of up to 1,000 knowledge-base articles, each up to 20,000 characters, needs more still.
  // An attachment's body (the file itself) up to the platform's ceiling; each tenant's own limit is checked after.
  bodyLimits: {
    'PUT /v1/categories': 1024 * 1024,
    'POST /v1/knowledge/imports': 16 * 1024 * 1024,
    // A first classification model's labelled set: up to 20,000 examples of up to 4,000 characters (the demo's 5,391 take about 6 MiB).
    'POST /v1/classification/models/import-training': 32 * 1024 * 1024,
    'POST /v1/requests/:id/attachments': ATTACHMENT_CEILING_BYTES,
  },
  configSchema: intakeConfigSchema,
  entities,
  migrations,
  controllers: [TenantsController, ChannelsController, CategoriesController, RequestsController, PublicRequestsController, PiiAccessLogController, ContactController, CallReferencesController, DuplicatesController, LinkageController, RiskNoticesController, KnowledgeController, TransfersController, RequestAttachmentsController,
    NotificationsController, TerminationsController, IntakePolicyController, OnlineQueueController, CallRecordsController, CallbacksController, ClassificationController, SharingController, SharingPushController],
  providers: (ctx) => {
    const cipher = PiiCipher.fromConfig(ctx.serviceConfig);
    const registrar = new Registrar(ctx.outbox, cipher, new RequestNumbers(ctx.config.DATABASE_URL));
    return [
      { provide: PiiCipher, useValue: cipher },
      { provide: Attachments, useValue: Attachments.fromConfig(ctx.serviceConfig, 'intake') },
      { provide: Registrar, useValue: registrar },
      { provide: PublicLookupPolicy, useValue: new PublicLookupPolicy(ctx.serviceConfig) },
      { provide: FreeTextSealing, useValue: new FreeTextSealing(ctx, cipher) },
      { provide: ClassifierCache, useValue: new ClassifierCache() },
      { provide: ClassificationTraining, useValue: new ClassificationTraining(ctx) },
      { provide: LinkageSettings, useValue: new LinkageSettings(ctx, registrar) },
      { provide: RequesterMatchKeys, useValue: new RequesterMatchKeys(ctx.serviceConfig) },
      { provide: DuplicateSearchPolicy, useValue: new DuplicateSearchPolicy(ctx.serviceConfig) },
    ];
  },
  grpc: (ctx) => [intakeGrpc(ctx)],
  // intake--hl-handling-v1--notifications: WorkOrderExtensionDecided only, for the requester's notice of the new due.
  // intake--hl-revisit-v1--retention: RequestAnonymised only (issue 13: identity and free text removed after retention).
  // intake--hl-analytics-v1--risk-notices: AlertRaised and AlertEscalated, for stability-risk notices to 110 (ADR 0036).
  handlers: [...timelineHandlers, ...linkageHandlers, ...riskNoticeHandlers, onExtensionDecidedNotify, onRequestAnonymised],
  timers: [...linkageTimers, ...riskNoticeTimers, ...onlineQueueTimers, ...callTimers],
  // The notification relay, and the push feeds of data sharing (their timers leased by their own worker: its POSTs run outside any transaction).
  // And the erasure of attachment bytes after retention (ADR 0033; its timers leased too: a store's delete runs outside any transaction).
  workers: (ctx) => [...intakeNotificationWorkers(ctx), ...sharingPushWorkers(ctx), ...attachmentErasureWorkers(ctx, 'intake')],
  commands: { tenants: tenantsCommand, pii: piiCommand(PII_COLUMNS) },
};
