import type { Provider, Type } from '@nestjs/common';
import type { z } from 'zod';
import type { ServiceName } from '@hotline/vocabulary';
import type { GrpcServiceBinding } from '../grpc/grpc-server';
import type { EventHandlerDefinition } from '../messaging/event-handlers';
import { onTenantChanged } from '../tenancy/tenant-directory';
import type { DataSourceSettings } from '../persistence/data-source';
import type { TimerDefinition } from '../timers/timer-handlers';
import type { CommandResult } from './operator-commands';
import type { ServiceContext } from './service-context';

/** An operator command of the service (`main.js <name> …`), run on its context without serving. */
export type OperatorCommand = (ctx: ServiceContext, args: string[]) => Promise<CommandResult>;

/** Work a service runs in the background while it serves (its notification relay): started after its timers, stopped before them. */
export interface BackgroundWorker {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
}

/** What a service is made of; startService runs it, runServiceMain is its main.ts. */
export interface ServiceDefinition {
  name: ServiceName;
  /** One paragraph for the OpenAPI document at /docs. */
  description: string;
  /** Larger request-body limits for named routes ('PUT /v1/catalog'), above the 256 KiB default. */
  bodyLimits?: Record<string, number>;
  /** Variables this service reads beyond the platform's; validated with them, in one message. */
  configSchema?: z.AnyZodObject;
  entities: DataSourceSettings['entities'];
  migrations: DataSourceSettings['migrations'];
  controllers?: Type[];
  providers?: (ctx: ServiceContext) => Provider[];
  grpc?: (ctx: ServiceContext) => GrpcServiceBinding[];
  /** The events this service consumes, each handler declared beside its code (onEvent). */
  handlers?: readonly EventHandlerDefinition[];
  /** The durable timers it fires (onTimer). */
  timers?: readonly TimerDefinition[];
  /** Its background workers (notificationRelayOf), built on its context at start-up. */
  workers?: (ctx: ServiceContext) => BackgroundWorker[];
  /** Its own operator commands beside the platform's (`dead-letters`), by name. */
  commands?: Record<string, OperatorCommand>;
}

/** What every service consumes whatever it does: its tenant directory, from intake's TenantChanged. */
const PLATFORM_HANDLERS: readonly EventHandlerDefinition[] = [onTenantChanged];

/** The event handlers a service runs: the platform's and its own (one durable consumer per producer and purpose). */
export function handlersOf(def: ServiceDefinition): EventHandlerDefinition[] {
  return [...PLATFORM_HANDLERS, ...(def.handlers ?? [])];
}
