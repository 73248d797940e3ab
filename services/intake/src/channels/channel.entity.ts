import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

export const CHANNEL_KINDS = ['phone', 'web', 'mobile-app', 'wechat', 'sms', 'email', 'linkage'] as const;
export type ChannelKindCode = (typeof CHANNEL_KINDS)[number];

/** A channel through which a tenant's hotline receives contacts (tenant-owned, RLS-protected). */
@Entity({ name: 'channels' })
@Unique(['tenantId', 'code'])
export class ChannelEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: ChannelKindCode;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
