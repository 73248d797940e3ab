import type { ServiceContext } from '../service/service-context';
import type { TimerHandler } from './timers';

/** A durable timer's handler, declared beside its code with the kind it fires for. */
export interface TimerDefinition {
  kind: string;
  fire(timer: Parameters<TimerHandler>[0], manager: Parameters<TimerHandler>[1], ctx: ServiceContext): Promise<void>;
}

export function onTimer(kind: string, fire: TimerDefinition['fire']): TimerDefinition {
  return { kind, fire };
}

/** The worker's handlers by kind; a kind declared twice is a start-up error. */
export function timerHandlers(definitions: readonly TimerDefinition[], ctx: ServiceContext): Record<string, TimerHandler> {
  const handlers: Record<string, TimerHandler> = {};
  for (const d of definitions) {
    if (handlers[d.kind]) throw new Error(`timer kind "${d.kind}" is declared twice in ${ctx.name}`);
    handlers[d.kind] = (timer, manager) => d.fire(timer, manager, ctx);
  }
  return handlers;
}
