import { EntityManager } from 'typeorm';
import { EventDefinition, eventSubject, EventHeader } from '@hotline/contracts';
import { currentTraceHeaders } from '../observability/propagation';
import { uuidv7 } from '../persistence/ids';

export interface OutgoingEvent<T> {
  event: EventDefinition<T>;
  tenantId: string;
  aggregateType: string;
  aggregateId: string;
  payload: T;
}

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists
 * exactly when the state change that caused it committed. The relay publishes it later.
 */
export class Outbox {
  constructor(private readonly namespace: string) {}

  async append<T>(manager: EntityManager, out: OutgoingEvent<T>): Promise<string> {
    const id = uuidv7();
    const headers = { ...currentTraceHeaders(), [EventHeader.tenant]: out.tenantId, [EventHeader.type]: out.event.type };
    await manager.query(
      `insert into outbox (id, tenant_id, aggregate_type, aggregate_id, event_type, subject, payload, headers)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        out.tenantId,
        out.aggregateType,
        out.aggregateId,
        out.event.type,
        eventSubject(this.namespace, out.event, out.tenantId),
        Buffer.from(out.event.codec.encode(out.payload).finish()),
        JSON.stringify(headers),
      ],
    );
    return id;
  }
}
