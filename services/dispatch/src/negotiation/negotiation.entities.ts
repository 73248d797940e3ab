import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NegotiationOutcome, NegotiationStance, NegotiationState } from '@hotline/vocabulary';

/** A negotiation (协商) among candidate units over who leads a request. */
@Entity({ name: 'dispatch_negotiations' })
export class NegotiationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  /** What the candidates see of the request (from its masked brief in the queue). */
  @Column({ name: 'request_number', type: 'text' })
  requestNumber!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode!: string;

  @Column({ name: 'area_code', type: 'text' })
  areaCode!: string;

  @Column({ name: 'candidate_unit_ids', type: 'uuid', array: true })
  candidateUnitIds!: string[];

  @Column({ type: 'text' })
  state!: NegotiationState;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'text', nullable: true })
  outcome!: NegotiationOutcome | null;

  @Column({ name: 'primary_unit_id', type: 'uuid', nullable: true })
  primaryUnitId!: string | null;

  @Column({ name: 'assisting_unit_ids', type: 'uuid', array: true, nullable: true })
  assistingUnitIds!: string[] | null;

  @Column({ name: 'settled_by', type: 'text', nullable: true })
  settledBy!: string | null;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  @Column({ name: 'lapsed_at', type: 'timestamptz', nullable: true })
  lapsedAt!: Date | null;
}

/** One candidate's answer: lead, assist or not its duty, with its note (masked when written). */
@Entity({ name: 'dispatch_negotiation_responses' })
export class NegotiationResponseEntity {
  @PrimaryColumn({ name: 'negotiation_id', type: 'uuid' })
  negotiationId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  stance!: NegotiationStance;

  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'responded_by', type: 'text' })
  respondedBy!: string;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;
}
