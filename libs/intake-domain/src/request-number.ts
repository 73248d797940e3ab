// 流水号 `<tenant number prefix>-YYYYMMDD-NNNNNN` on the hotline's local date.
import { tenantNumberPrefix } from '@hotline/vocabulary';

/** Asia/Shanghai is UTC+8 all year (no daylight saving time since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const MAX_DAILY_SEQUENCE = 999_999;

/** The local calendar date in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiLocalDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function formatRequestNumber(tenantId: string, localDate: string, sequence: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate)) throw new Error(`invalid local date "${localDate}"`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE)
    throw new Error(`daily sequence ${sequence} out of range 1..${MAX_DAILY_SEQUENCE}`);
  return `${tenantNumberPrefix(tenantId)}-${localDate.replace(/-/g, '')}-${String(sequence).padStart(6, '0')}`;
}

const NUMBER = /^([a-z0-9]+(?:-[a-z0-9]+)*)-(\d{8})-(\d{6})$/;

/** The parts of a well-formed number, or undefined. */
export function parseRequestNumber(number: string): { prefix: string; date: string; sequence: number } | undefined {
  const m = NUMBER.exec(number);
  if (!m) return undefined;
  return { prefix: m[1] as string, date: m[2] as string, sequence: Number(m[3]) };
}
