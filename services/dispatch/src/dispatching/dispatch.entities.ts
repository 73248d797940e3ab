import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UnitAssignment } from '@hotline/dispatch-domain';
import type { commonV1 } from '@hotline/contracts';
import type { DispatchMode } from '@hotline/vocabulary';

/** How a request was dispatched: at most one per request and tenant. */
@Entity({ name: 'dispatches' })
export class DispatchEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'text' })
  mode!: DispatchMode;

  /** The catalog version that placed it; 0 for a manual dispatch. */
  @Column({ name: 'catalog_version', type: 'int' })
  catalogVersion!: number;

  @Column({ type: 'jsonb' })
  assignments!: UnitAssignment[];

  @Column({ name: 'dispatched_at', type: 'timestamptz' })
  dispatchedAt!: Date;

  /** The dispatcher's token subject; system:dispatch for the catalog. */
  @Column({ name: 'dispatched_by', type: 'text' })
  dispatchedBy!: string;

  /** 1, then one more for each re-dispatch (改派) after an accepted return. */
  @Column({ type: 'int', default: 1 })
  attempt!: number;

  /** Designated (指定办理) at the tenant's maximum attempts: the unit can no longer return it. */
  @Column({ type: 'boolean', default: false })
  designated!: boolean;

  /** 首接负责 (from the catalog entry or the dispatcher): the primary leads the coordination. */
  @Column({ name: 'first_responsible', type: 'boolean', default: false })
  firstResponsible!: boolean;

  /** Units whose return was accepted: a re-dispatch may not choose them again. */
  @Column({ name: 'excluded_unit_ids', type: 'uuid', array: true, default: () => `'{}'` })
  excludedUnitIds!: string[];

  /** The masked brief, for a re-dispatch; null for dispatches recorded before returns existed. */
  @Column({ type: 'jsonb', nullable: true })
  brief!: commonV1.RequestBrief | null;
}

/** A request the catalog could not place, waiting for a dispatcher (resolved once assigned). */
@Entity({ name: 'dispatch_queue' })
export class DispatchQueueEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  /** The RequestBrief as received, with its title and content masked: masked identity only. */
  @Column({ type: 'jsonb' })
  brief!: commonV1.RequestBrief;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'queued_at', type: 'timestamptz' })
  queuedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** When the tenant's dispatch limit for its urgency runs out (null for entries queued before the clock). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt!: Date | null;
}
