import type { ScenarioResult } from './run-scenario';

export interface FailedScenario {
  name: string;
  fault: string;
  error: string;
}

export type Outcome = ScenarioResult | FailedScenario;

export const isFailed = (o: Outcome): o is FailedScenario => 'error' in o;

/** Lost or doubled requests, or a scenario that could not run: the run fails. */
export function failing(outcomes: readonly Outcome[]): boolean {
  return outcomes.some((o) => isFailed(o) || o.reconciliation.lost > 0 || o.reconciliation.doubled > 0);
}

const COLUMNS = ['accepted', 'lost', 'doubled', 'stuck', 'dead-lettered', 'drain'] as const;
const FINDINGS_SHOWN = 10;

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

function figures(r: ScenarioResult): string[] {
  const c = r.reconciliation;
  return [c.accepted, c.lost, c.doubled, c.stuck, c.deadLettered].map(String).concat(`${r.drain.seconds.toFixed(0)} s ${r.drain.state}`);
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [row(header, widths), ...rows.map((r) => row(r, widths))];
}

/** One scenario's table and what explains it: answers, streams, dead letters, the first findings. */
export function scenarioReport(r: Outcome, rate: number): string {
  if (isFailed(r)) return [`== ${r.name}: ${r.fault}`, `  could not run: ${r.error}`, ''].join('\n');
  const c = r.reconciliation;
  const lines = [
    `== ${r.name}: ${r.fault}`,
    `  ${r.submissions} submitted at ${rate}/s; answers ${r.outcomes}`,
    ...table(['', ...COLUMNS], [['', ...figures(r)]]).map((l) => `  ${l}`),
    `  stored without the client seeing its 201: ${c.storedWithout201}; never stored (client gave up): ${c.notStored}; ` +
      `driven through the APIs: ${r.driven.sampled} (revisited ${r.driven.revisited})`,
    '  streams, per subject (messages on the stream / published rows in the outbox):',
    ...r.subjects.map((s) => {
      const differs = s.published !== undefined && s.onStream !== s.published;
      return `    ${s.subject.padEnd(48)} ${String(s.onStream).padStart(6)} / ${s.published ?? '-'}${differs ? '   ≠' : ''}`;
    }),
    `  dead letters: ${Object.entries(r.deadLetters).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
    `  services that ended by themselves (started again): ${Object.entries(r.serviceExits).map(([k, e]) => `${k} (exit ${e.join(', ')})`).join(', ') || 'none'}`,
  ];
  const shown = c.findings.filter((f) => f.verdict !== 'ok' || f.doubled).slice(0, FINDINGS_SHOWN);
  if (shown.length > 0) {
    lines.push(`  first ${shown.length} of ${c.findings.length} findings:`);
    for (const f of shown)
      lines.push(`    ${f.verdict}${f.doubled ? ' + doubled' : ''}  ${f.number ?? f.marker}: ${f.reasons.slice(0, 3).join('; ')}`);
  }
  return [...lines, ''].join('\n');
}

export function summaryReport(outcomes: readonly Outcome[]): string {
  const rows = outcomes.map((o) => (isFailed(o) ? [o.name, 'error', '', '', '', '', ''] : [o.name, ...figures(o)]));
  return [...table(['scenario', ...COLUMNS], rows), ''].join('\n');
}
