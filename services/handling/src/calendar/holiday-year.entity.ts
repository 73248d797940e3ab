import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HolidayPeriod } from '@hotline/calendar';

/** A year's national holidays loaded province-wide by the province operator (no tenant owns it). */
@Entity({ name: 'province_holiday_years' })
export class ProvinceHolidayYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  notice!: string;

  @Column({ type: 'jsonb' })
  holidays!: HolidayPeriod[];

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;

  @Column({ name: 'loaded_by', type: 'text' })
  loadedBy!: string;
}

/** A year's national holidays a tenant loaded for itself (tenant-owned, RLS-protected). */
@Entity({ name: 'tenant_holiday_years' })
export class TenantHolidayYearEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  notice!: string;

  @Column({ type: 'jsonb' })
  holidays!: HolidayPeriod[];

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;

  @Column({ name: 'loaded_by', type: 'text' })
  loadedBy!: string;
}
