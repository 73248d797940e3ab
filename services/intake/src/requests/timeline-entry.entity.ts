import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RequestStatus, StatusChangeReason } from '@hotline/vocabulary';

/** One step in a request's life; `status` and `reason` only when the step changed it. Never holds PII. */
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

  /** A staff token subject or system:<service>; never the requester. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text', default: '' })
  note!: string;
}
