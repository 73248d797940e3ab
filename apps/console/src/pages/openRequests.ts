// The dispatch desk's view of requests already with a unit. dispatch lists returns and
// escalations per request only (GET /v1/dispatches/{requestId}/returns, …/escalations): there is
// no tenant-wide list of returns in dispute review yet, so 退单审核 looks through the newest
// requests that are with a unit (intake's list, by status) and asks dispatch about each.
import type { RequestStatus } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { Page, ReturnView, StaffRequestView } from '../api/views';

/** A return is filed while its request is dispatched or in progress; it moves no status (docs/lifecycle.md). */
export const STATUSES_WITH_A_UNIT: readonly RequestStatus[] = ['dispatched', 'in-progress'];

/** How many of the newest requests of each status 退单审核 looks through. */
export const RETURN_SCAN_PER_STATUS = 200;

/** At most this many calls to dispatch at a time while looking through them. */
const PARALLEL = 6;

export function listRequests(status: RequestStatus, limit: number, offset = 0): Promise<Page<StaffRequestView>> {
  return unwrap<Page<StaffRequestView>>(api.intake.GET('/v1/requests', { params: { query: { status, limit, offset } } }));
}

export async function mapLimited<T, R>(items: readonly T[], task: (item: T) => Promise<R>, parallel = PARALLEL): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

export function returnsOf(requestId: string): Promise<ReturnView[]> {
  return unwrap<{ items: ReturnView[] }>(api.dispatch.GET('/v1/dispatches/{requestId}/returns', { params: { path: { requestId } } })).then((r) => r.items);
}

export interface ReturnRow {
  request: StaffRequestView;
  ret: ReturnView;
}

/** Every return of the newest requests with a unit, the oldest in review first, then the latest decided. */
export async function scanReturns(): Promise<{ rows: ReturnRow[]; scanned: number; truncated: boolean }> {
  const pages = await Promise.all(STATUSES_WITH_A_UNIT.map((s) => listRequests(s, RETURN_SCAN_PER_STATUS)));
  const requests = pages.flatMap((p) => p.items);
  const returns = await mapLimited(requests, (r) => returnsOf(r.id));
  const rows = requests.flatMap((request, i) => (returns[i] ?? []).map((ret) => ({ request, ret })));
  rows.sort((a, b) => {
    const open = Number(b.ret.status === 'in-review') - Number(a.ret.status === 'in-review');
    if (open) return open;
    return a.ret.status === 'in-review' ? a.ret.returnedAt.localeCompare(b.ret.returnedAt) : (b.ret.decidedAt ?? '').localeCompare(a.ret.decidedAt ?? '');
  });
  return { rows, scanned: requests.length, truncated: pages.some((p) => p.total > p.items.length) };
}
