import type { PiiAccessRow } from './pii-access-log';

/** One clear read, named as handling's access log names it. */
export function toPiiAccessView(row: PiiAccessRow) {
  return {
    id: row.id,
    accessedAt: row.at.toISOString(),
    subject: row.subject,
    roles: row.roles,
    requestId: row.request_id,
    number: row.number,
    fields: row.fields,
    purpose: row.purpose,
    note: row.note,
    unit: row.unit,
    onBehalfOf: row.on_behalf_of,
  };
}
