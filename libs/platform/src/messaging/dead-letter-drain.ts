import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { deadLetterStreamOf, deadLetterSubject } from '@hotline/contracts';
import type { ServiceName } from '@hotline/vocabulary';
import { isTransientError } from '../persistence/transient-errors';
import { insertDeadLetter, parkedDeadLetter } from './dead-letters';
import type { EventBus } from './event-bus';
import { ensureConsumer, ensureStream, StreamOptions } from './provisioning';
import { PullLoop } from './pull-loop';

/**
 * Moves the dead letters a service parked on the broker (while its database was down) into its
 * dead_letters table once the database takes them again; acked only after the insert commits.
 */
export class DeadLetterDrain {
  private readonly loop: PullLoop;

  private constructor(
    bus: EventBus,
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    durable: string,
  ) {
    this.loop = new PullLoop(bus, deadLetterStreamOf(bus.namespace).name, durable, async (batch) => {
      for (const m of batch) await this.drain(m);
    }, logger, 16);
  }

  /** Provisions the dead-letter stream and this service's drain consumer, then starts draining. */
  static async start(bus: EventBus, dataSource: DataSource, service: ServiceName, logger: Logger, options: StreamOptions): Promise<DeadLetterDrain> {
    await ensureStream(bus.jsm, deadLetterStreamOf(bus.namespace), options);
    const durable = `${service}--hl-dead-letters-v1--drain`;
    const spec = { durable, consumer: service, producer: service, filterSubject: deadLetterSubject(bus.namespace, service, '*') };
    await ensureConsumer(bus.jsm, bus.namespace, spec, {}, deadLetterStreamOf(bus.namespace).name);
    const drain = new DeadLetterDrain(bus, dataSource, logger, durable);
    drain.loop.start();
    return drain;
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async drain(message: JsMsg): Promise<void> {
    try {
      await insertDeadLetter(this.dataSource, parkedDeadLetter(message));
      message.ack();
    } catch (err) {
      const delay = isTransientError(err) ? 5_000 : 60_000;
      if (!isTransientError(err)) this.logger.error({ err: (err as Error).message }, 'parked dead letter cannot be stored; will retry');
      message.nak(delay);
    }
  }
}
