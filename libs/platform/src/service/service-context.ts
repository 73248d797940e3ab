import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ServiceName } from '@hotline/contracts';
import type { TokenVerifier } from '../auth/identity';
import type { BaseConfig } from '../config/config';
import type { DeadLetterBox } from '../messaging/dead-letters';
import type { ConsumerPlan } from '../messaging/event-handlers';
import type { EventBus } from '../messaging/event-bus';
import type { Outbox } from '../messaging/outbox';
import type { Metrics } from '../observability/metrics';
import type { TenantDirectory } from '../tenancy/tenant-directory';
import type { TenantDb } from './tenant-db';

export const SERVICE_CONTEXT = Symbol('ServiceContext');

/** Everything a service's own code gets from the platform. */
export interface ServiceContext {
  name: ServiceName;
  config: BaseConfig;
  /** The service's own variables (ServiceDefinition.configSchema), parsed. */
  serviceConfig: Record<string, unknown>;
  dataSource: DataSource;
  db: TenantDb;
  bus: EventBus;
  outbox: Outbox;
  logger: Logger;
  metrics: Metrics;
  /** Where this service's consumers record dead letters (database, or the broker while it is down). */
  deadLetters: DeadLetterBox;
  /** The durable consumers planned from the service's handlers (dead-letter replay uses them). */
  consumerPlans: readonly ConsumerPlan[];
  verifier: TokenVerifier;
  /** The tenants that exist and whether they are active (kept from intake's TenantChanged). */
  tenants: TenantDirectory;
  /** Readiness checks: each 'ok' or the reason it failed. */
  checks(): Promise<Record<string, string>>;
}
