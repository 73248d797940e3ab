import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One escalation (提级) of a request to a coordinating unit, with who asked and why. */
@Entity({ name: 'dispatch_escalations' })
export class EscalationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  /** The dispatch attempt the escalation made. */
  @Column({ type: 'int' })
  attempt!: number;

  @Column({ name: 'from_unit_id', type: 'uuid' })
  fromUnitId!: string;

  @Column({ name: 'to_unit_id', type: 'uuid' })
  toUnitId!: string;

  /** Why the case is hard, masked when written (phones and ID numbers typed in never stay in clear). */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'escalated_by', type: 'text' })
  escalatedBy!: string;

  @Column({ name: 'escalated_at', type: 'timestamptz' })
  escalatedAt!: Date;
}
