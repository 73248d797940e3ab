import { DataSource, EntityManager } from 'typeorm';
import { addDays, startOfLocalDay } from '@hotline/calendar';
import { inTenantTransaction, uuidv7 } from '@hotline/platform';
import type { JsonValue } from '@hotline/revisit-domain';
import type { ArchiveExportPeriod } from './archive-export.schemas';

/** Format of an export file (JSON lines: a header, one line per archive link, a trailer). */
export const ARCHIVE_EXPORT_FORMAT = 'archive-export/1';

/** Rows read from the cursor per fetch: one round trip, one write, whatever the period's size. */
const FETCH_ROWS = 500;

/** The instants of a period of whole local days: from the first day's start to the start of the day after the last. */
export function exportWindow(period: ArchiveExportPeriod, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(period.from, timeZone), end: startOfLocalDay(addDays(period.to, 1), timeZone) };
}

/** Where an export goes: written chunk by chunk, each write awaited (the receiver's pace). */
export interface ExportSink {
  write(chunk: string): Promise<void>;
}

/** Where the bytes of a Node writable go, with its backpressure: resolves once buffered, fails when it closed. */
export function writableSink(stream: NodeJS.WritableStream & { destroyed?: boolean }): ExportSink {
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (stream.destroyed) return reject(new Error('the receiver went away'));
        if (stream.write(chunk)) return resolve();
        const done = (err?: Error) => {
          stream.removeListener('drain', onDrain);
          stream.removeListener('close', onClose);
          stream.removeListener('error', done);
          if (err) reject(err);
          else resolve();
        };
        const onDrain = () => done();
        const onClose = () => done(new Error('the receiver went away'));
        stream.once('drain', onDrain);
        stream.once('close', onClose);
        stream.once('error', done);
      }),
  };
}

export interface ExportRequest {
  tenantId: string;
  period: ArchiveExportPeriod;
  timeZone: string;
  /** Who exports (the token's subject, or the command's operator), kept in the export's audit row. */
  exportedBy: string;
  roles: readonly string[];
  onProgress?: (count: number, total: number) => void;
}

export interface ExportResult {
  exportId: string;
  total: number;
  count: number;
  lastHash: string | null;
}

interface ExportRow {
  sequence: string;
  archive_id: string;
  request_id: string | null;
  record: JsonValue;
  previous_hash: string;
  record_hash: string;
  archived_at: Date;
  anonymised_at: Date | null;
  anonymisation_run_id: string | null;
  anonymised_hash: string | null;
  anonymised_in: string | null;
}

/** One line of a link: its place, its hashes, its anonymisation if any, and the record as stored. */
function recordLine(r: ExportRow): string {
  return JSON.stringify({
    kind: 'record',
    sequence: Number(r.sequence),
    archiveId: r.archive_id,
    requestId: r.request_id,
    archivedAt: r.archived_at.toISOString(),
    previousHash: r.previous_hash,
    recordHash: r.record_hash,
    anonymised: r.anonymised_at
      ? { at: r.anonymised_at.toISOString(), runId: r.anonymisation_run_id, anonymisedHash: r.anonymised_hash, entry: Number(r.anonymised_in) }
      : null,
    payload: r.record,
  });
}

const IN_PERIOD = `archived_at >= $1 and archived_at < $2`;

/**
 * Writes the tenant's archive links of a period (by archived_at, in sequence order) to `sink` as
 * JSON lines: a header {kind: 'export', …, total}, one line per link, a trailer {kind: 'end',
 * count, lastHash}; a file without its trailer is incomplete. One REPEATABLE READ snapshot
 * (header, lines and trailer agree) read through a server-side cursor a few hundred rows at a time,
 * so a period of any size never sits in memory. The export is audited in the same transaction
 * (who, which period, how many): `completed`, or `aborted` with the count reached when the
 * receiver went away or a write failed (the error is rethrown).
 */
export async function exportArchive(dataSource: DataSource, sink: ExportSink, req: ExportRequest): Promise<ExportResult> {
  const exportId = uuidv7();
  const { start, end } = exportWindow(req.period, req.timeZone);
  let failure: unknown;
  const result = await inTenantTransaction(
    dataSource,
    req.tenantId,
    async (m: EntityManager): Promise<ExportResult> => {
      const [{ n: total }]: Array<{ n: number }> = await m.query(`select count(*)::int as n from archive_records where ${IN_PERIOD}`, [start, end]);
      await m.query(
        `insert into archive_exports (id, tenant_id, exported_by, roles, from_day, to_day, time_zone, total, status, started_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'started', now())`,
        [exportId, req.tenantId, req.exportedBy, [...req.roles], req.period.from, req.period.to, req.timeZone, total],
      );
      let count = 0;
      let lastHash: string | null = null;
      try {
        await sink.write(
          `${JSON.stringify({
            kind: 'export', format: ARCHIVE_EXPORT_FORMAT, exportId, tenant: req.tenantId, from: req.period.from, to: req.period.to,
            timeZone: req.timeZone, total, exportedAt: new Date().toISOString(),
          })}\n`,
        );
        await m.query(
          `declare archive_export no scroll cursor for
             select sequence, archive_id, request_id, record, previous_hash, record_hash, archived_at,
                    anonymised_at, anonymisation_run_id, anonymised_hash, anonymised_in
             from archive_records where ${IN_PERIOD} order by sequence`,
          [start, end],
        );
        for (;;) {
          const rows: ExportRow[] = await m.query(`fetch forward ${FETCH_ROWS} from archive_export`);
          if (rows.length > 0) {
            await sink.write(rows.map((r) => `${recordLine(r)}\n`).join(''));
            count += rows.length;
            lastHash = rows[rows.length - 1]?.record_hash ?? lastHash;
            req.onProgress?.(count, total);
          }
          if (rows.length < FETCH_ROWS) break;
        }
        await m.query(`close archive_export`);
        await sink.write(`${JSON.stringify({ kind: 'end', count, lastHash })}\n`);
      } catch (err) {
        failure = err;
      }
      await m.query(`update archive_exports set count = $2, last_hash = $3, status = $4, finished_at = now() where id = $1`, [
        exportId, count, lastHash, failure ? 'aborted' : 'completed',
      ]);
      return { exportId, total, count, lastHash };
    },
    'REPEATABLE READ',
  );
  if (failure) throw failure;
  return result;
}
