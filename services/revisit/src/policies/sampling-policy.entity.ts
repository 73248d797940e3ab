import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChannelRuleKey, SamplingKey } from '@hotline/revisit-domain';
import type { AnonymousRevisit, Resolution, RevisitMethod, Satisfaction } from '@hotline/vocabulary';

/** How a tenant samples answered requests of one type (and channel kind) for revisit (tenant-owned, RLS-protected). */
@Entity({ name: 'sampling_policies' })
export class SamplingPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** A request-type code, or '*' for every type. */
  @PrimaryColumn({ name: 'request_type', type: 'text' })
  requestType!: SamplingKey;

  /** A channel kind, or '*' for every channel (every rule keyed by type alone). */
  @PrimaryColumn({ name: 'channel_kind', type: 'text' })
  channelKind!: ChannelRuleKey;

  @Column({ name: 'sample_percent', type: 'int' })
  samplePercent!: number;

  @Column({ name: 'window_hours', type: 'int' })
  windowHours!: number;

  /** Unanswered attempts after which the revisit is exhausted. */
  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts!: number;

  /** The evaluation recorded when the window ends without one (both set, or neither). */
  @Column({ name: 'default_satisfaction', type: 'text', nullable: true })
  defaultSatisfaction!: Satisfaction | null;

  @Column({ name: 'default_resolution', type: 'text', nullable: true })
  defaultResolution!: Resolution | null;

  /** The revisit methods the hotline uses under this rule (at least one, in the vocabulary's order). */
  @Column({ type: 'text', array: true })
  methods!: RevisitMethod[];

  /** An anonymous request: its revisit skipped, or checked by the hotline itself. */
  @Column({ type: 'text' })
  anonymous!: AnonymousRevisit;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
