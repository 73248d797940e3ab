import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's overrides of the national working calendar (tenant-owned, RLS-protected). */
@Entity({ name: 'tenant_calendars' })
export class TenantCalendarEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  /** Local dates YYYY-MM-DD, sorted. */
  @Column({ name: 'extra_holidays', type: 'text', array: true })
  extraHolidays!: string[];

  @Column({ name: 'extra_working_days', type: 'text', array: true })
  extraWorkingDays!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
