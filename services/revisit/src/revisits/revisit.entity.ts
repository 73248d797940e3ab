import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EvaluationJudgement, Resolution, RevisitMethod, RevisitRespondent, Satisfaction } from '@hotline/vocabulary';

/** One revisit (回访) of a requester about the primary unit's answer (tenant-owned, RLS). */
@Entity({ name: 'revisits' })
export class RevisitEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text' })
  method!: RevisitMethod;

  @Column({ type: 'boolean' })
  resolved!: boolean;

  /** Null (未评价) for the hotline's own check of an anonymous request (respondent `hotline`). */
  @Column({ type: 'text', nullable: true })
  satisfaction!: Satisfaction | null;

  /** 是否解决; `resolved` is true for `resolved` only. */
  @Column({ type: 'text' })
  resolution!: Resolution;

  @Column({ type: 'text', nullable: true })
  respondent!: RevisitRespondent | null;

  /** What the hotline found when it checked an anonymous request itself (masked). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Recorded by the system as the tenant's default at the end of the window. */
  @Column({ type: 'boolean' })
  defaulted!: boolean;

  /** A reviewer's judgement of a dissatisfied or unresolved evaluation (note masked). */
  @Column({ type: 'text', nullable: true })
  judgement!: EvaluationJudgement | null;

  @Column({ name: 'judgement_note', type: 'text', nullable: true })
  judgementNote!: string | null;

  @Column({ name: 'judged_at', type: 'timestamptz', nullable: true })
  judgedAt!: Date | null;

  @Column({ name: 'judged_by', type: 'text', nullable: true })
  judgedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;
}
