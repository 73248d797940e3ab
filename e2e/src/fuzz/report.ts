import type { FuzzCase } from './case';
import { curlOf, FuzzRequest, INLINE_BODY_LIMIT } from './http';
import type { Failure, FuzzReport } from './runner';

/** Examples shown in full per group of like failures; the rest are listed by description. */
const EXAMPLES_PER_GROUP = 3;
/** Curl lines longer than this are written to a file instead. */
const LONGEST_CURL = 800;

export interface ReproductionHints {
  /** The port `npm start` serves a service on. */
  port: (service: string) => number;
  /** Writes a file for a reproduction too long to print (a body, a curl line); returns its path. */
  save: (name: string, content: Buffer | string) => string;
  /** The command that runs the same cases again. */
  rerun: string;
}

const opLabel = (c: FuzzCase) => `${c.op.service} ${c.op.method} ${c.op.path}`;

export function formatFigures(r: FuzzReport, rerun: string): string {
  const kinds = countBy(r.failures.map((f) => f.kind));
  const lines = [
    `fuzz seed ${r.seed}: ${r.operations} operations (${r.accepted.length} with an accepted base request), ${r.cases} cases run of ${r.derivable} derivable, in ${r.seconds.toFixed(1)} s`,
    `  responses: ${Object.entries(r.byClass).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  by family: ${Object.entries(r.byFamily).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  credentials: ${Object.entries(r.byAuth).map(([k, n]) => `${k} ${n}`).join(', ')} (${r.crossTenantCases} of another tenant aimed at the own tenant's ids)`,
    `  partial writes: ${kinds['partial-write'] ?? 0} (${r.batchesChecked} batches fingerprinted, ${r.batchesUnsettled} waits for the platform to settle timed out, ${r.bisectRequests} requests re-run to bisect)`,
    `  failures: ${r.failures.length}${r.failures.length ? ` (${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`,
  ];
  if (r.notAccepted.length > 0) lines.push(`  no accepted base request (cases stop at validation or lookup): ${r.notAccepted.map((n) => `${n.key} → ${n.status}`).join('; ')}`);
  lines.push(`  again: ${rerun}`);
  return lines.join('\n');
}

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}

/** The request's body as text for the list (escaped where it is not printable). */
function bodyPreview(req: FuzzRequest): string {
  if (!req.body) return '';
  const text = req.body.subarray(0, 200).toString('utf8');
  return ` body ${JSON.stringify(text)}${req.body.length > 200 ? `… (${req.body.length} bytes)` : ''}`;
}

/**
 * Every failure, grouped by kind, operation and status: a few in full (method, path, case,
 * status, the answer's first 300 characters, a curl line for `npm start`), the rest by name.
 */
export function formatFailures(failures: Failure[], hints: ReproductionHints): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const first = f.cases[0];
    const key = `${f.kind} | ${first ? opLabel(first.c) : '?'} | ${first?.res.status ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const out: string[] = [`${failures.length} failure(s) in ${groups.size} group(s); ${hints.rerun}`];
  for (const [key, group] of groups) {
    out.push('', `■ ${key} — ${group.length} case(s)`);
    group.slice(0, EXAMPLES_PER_GROUP).forEach((f) => out.push(...describe(f, hints)));
    const rest = group.slice(EXAMPLES_PER_GROUP);
    if (rest.length > 0) out.push(`  … and ${rest.length} more: ${rest.map((f) => f.cases[0]?.c.description).join(' | ')}`);
  }
  return out.join('\n');
}

function describe(f: Failure, hints: ReproductionHints): string[] {
  const out: string[] = [];
  const shown = f.cases.slice(0, 10);
  out.push(`  - ${f.message}${f.changes ? `; changed: ${f.changes.join('; ')}` : ''}`);
  for (const { c, res } of shown) {
    out.push(`    ${c.id} [${c.family}, ${c.auth}] ${c.request.method} ${c.request.target.slice(0, 200)} — ${c.description}${bodyPreview(c.request)}`);
    out.push(`      → ${res.status || res.error} ${res.text.slice(0, 300).replace(/\s+/g, ' ')}`);
    const file = c.request.body && c.request.body.length > INLINE_BODY_LIMIT ? hints.save(`${c.id}.body`, c.request.body) : undefined;
    const curl = curlOf(c.request, hints.port(c.request.service), file);
    out.push(`      ${curl.length > LONGEST_CURL ? `sh ${hints.save(`${c.id}.sh`, `${curl}\n`)}   # the curl line, ${curl.length} characters` : curl}`);
  }
  if (f.cases.length > shown.length) out.push(`    … and ${f.cases.length - shown.length} more requests of the same batch`);
  return out;
}
