import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RequestStatus, StatusChangeReason } from '@hotline/vocabulary';

/**
 * One step in a request's life. `status` and `reason`: the status its fact stands for, recorded
 * even when the current status had moved past it; `changedStatus` when it also moved the current
 * status (and was announced). `seq` is the order of arrival; the timeline is told in causal order
 * (intake-domain inCausalOrder). Never holds PII: its note is masked as it is written.
 */
@Entity({ name: 'request_timeline' })
export class TimelineEntryEntity {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', nullable: true })
  status!: RequestStatus | null;

  @Column({ type: 'text', nullable: true })
  reason!: StatusChangeReason | null;

  /** The handling round (0 first, n the n-th rework) when the fact names one. */
  @Column({ type: 'int', nullable: true })
  round!: number | null;

  @Column({ name: 'changed_status', type: 'boolean', default: false })
  changedStatus!: boolean;

  /** A staff token subject or system:<service>; never the requester. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text', default: '' })
  note!: string;

  /** The Nats-Msg-Id of the event that brought the step; null for intake's own steps and older rows. */
  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId!: string | null;

  /** The fact the step records (intake-domain factKey), once per request; null for intake's own steps and older rows. */
  @Column({ name: 'fact_key', type: 'text', nullable: true })
  factKey!: string | null;
}
