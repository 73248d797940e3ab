import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { formatRequestNumber, MAX_DAILY_SEQUENCE, shanghaiLocalDate } from '@hotline/intake-domain';
import { ProblemError } from '@hotline/platform';

/** Next 流水号 of the tenant for the local day; the counter row lock serializes concurrent intakes. */
export async function nextRequestNumber(manager: EntityManager, tenantId: string, at: Date): Promise<string> {
  const localDate = shanghaiLocalDate(at);
  const [row] = await manager.query(
    `insert into request_number_counters (tenant_id, local_date, last_sequence) values ($1, $2, 1)
     on conflict (tenant_id, local_date) do update set last_sequence = request_number_counters.last_sequence + 1
     returning last_sequence`,
    [tenantId, localDate],
  );
  const sequence = Number(row.last_sequence);
  if (sequence > MAX_DAILY_SEQUENCE) throw new ProblemError(503, 'daily_numbers_exhausted', 'No request numbers left today');
  return formatRequestNumber(tenantId, localDate, sequence);
}

/** 提取码: six random digits, returned once; only its hash is kept. */
export function newAccessCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function accessCodeHash(number: string, code: string): string {
  return createHash('sha256').update(`${number}:${code}`).digest('hex');
}

export function accessCodeMatches(number: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(accessCodeHash(number, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
