import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { Outbox } from '@hotline/platform';
import type { SupervisionStep } from '@hotline/vocabulary';
import { supervisionChangedEvent } from './supervision-events';
import type { SupervisionOrder } from './supervision.repository';

/** SupervisionChanged for one step, in the caller's transaction. */
export function announceSupervision(manager: EntityManager, outbox: Outbox, s: SupervisionOrder, step: SupervisionStep, at: Date, by: string): Promise<string> {
  return outbox.append(manager, {
    event: Events.handling.supervisionChanged,
    tenantId: s.tenantId,
    aggregateType: 'supervision',
    aggregateId: s.id,
    payload: supervisionChangedEvent(s, step, at, by),
  });
}
