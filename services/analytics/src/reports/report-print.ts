import { REPORT_PERIOD_LABELS, REPORT_STATE_LABELS } from '@hotline/vocabulary';
import type { ReportRecord } from './reports.repository';
import { Cell, percent, ReportSection } from './report-sections';
import type { ReportSnapshot } from './report-snapshot';

/** The page allows its own inline style and nothing else: no script, no request anywhere. */
export const PRINT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML: every value on the page goes through it, whatever its source. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

function cellText(value: Cell): string {
  if (value === null) return '—';
  if (typeof value === 'object') return percent(value.rate);
  return String(value);
}

const STYLE = `
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; font-size: 11pt; line-height: 1.5; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; }
  .subtitle { text-align: center; margin: 0 0 12pt; }
  .lead { text-indent: 2em; margin: 0 0 12pt; }
  h2 { font-size: 13pt; margin: 14pt 0 4pt; break-after: avoid; }
  table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
  th, td { border: 0.5pt solid #555; padding: 2pt 4pt; text-align: left; }
  td.n { text-align: right; white-space: nowrap; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .empty { color: #555; }
  footer { margin-top: 16pt; font-size: 9pt; color: #333; }
  @media print { a { color: inherit; text-decoration: none; } }`;

function table(s: ReportSection): string {
  const head = s.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = s.rows.length
    ? s.rows.map((row) => `<tr>${row.map((v) => `<td${typeof v === 'string' ? '' : ' class="n"'}>${escapeHtml(cellText(v))}</td>`).join('')}</tr>`).join('\n')
    : `<tr><td class="empty" colspan="${s.columns.length}">本期无</td></tr>`;
  return `<section><h2>${escapeHtml(s.title)}</h2><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></section>`;
}

/** The lead paragraph: what Beijing-style 接诉即办 reports open with (volumes and the three rates, each with its denominator). */
function lead(s: ReportSnapshot): string {
  const rate = (code: string) => {
    const r = s.rates.find((x) => x.code === code);
    return r ? `${r.label}${percent(r.rate)}（${r.numerator}/${r.denominator}）` : '';
  };
  return (
    `本期共受理诉求 ${s.volumes.received} 件，已办结 ${s.volumes.closed} 件，其中直接办理 ${s.volumes.directAnswers} 件；` +
    `诉求终结 ${s.volumes.terminated} 件，并单 ${s.volumes.merged} 件。派发工单 ${s.oversight.workOrders} 件，` +
    `被催办 ${s.oversight.urged} 件，超期 ${s.oversight.overdue} 件。${rate('response')}，${rate('resolution')}，${rate('satisfaction')}，` +
    `${rate('onTimeCompletion')}。${callLead(s)}`
  );
}

/** The phone service in one sentence, each rate with its numerator and denominator; nothing for a report without 话务 (format 1). */
function callLead(s: ReportSnapshot): string {
  const t = s.calls?.total;
  if (!t) return '';
  const rate = (label: string, f: { rate: number | null; numerator: number; denominator: number }) => `${label}${percent(f.rate)}（${f.numerator}/${f.denominator}）`;
  return (
    `来电呼入 ${t.offered} 通，人工接听 ${t.answered} 通，${rate('人工接通率', t.answerRate)}，${rate('人工应答及时率', t.timelyAnswerRate)}；` +
    `应回拨 ${t.callbacksDue} 通，已回拨 ${t.callbacksDone} 通。`
  );
}

/** A self-contained printable page (zh-CN, print CSS, no script), every value escaped. */
export function reportPrintPage(record: ReportRecord, s: ReportSnapshot, sections: readonly ReportSection[]): string {
  const title = `${s.tenant.name} 12345热线${REPORT_PERIOD_LABELS[s.period].zh}`;
  const subtitle = `${s.span.title}\u3000第 ${record.version} 版（${REPORT_STATE_LABELS[record.state].zh}）${s.complete ? '' : '\u3000统计周期尚未结束，数据为生成时的情况'}`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} ${s.span.title}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(subtitle)}</p>
<p class="lead">${escapeHtml(lead(s))}</p>
${sections.map(table).join('\n')}
<footer>${escapeHtml(`生成时间 ${s.generatedAt}（${s.timeZone}）；比率按本热线的考核口径计算，分子分母并列；日期为本热线时区的日期，诉求按受理日期统计，工单按其诉求的受理日期统计，来电按进入队列的日期统计。`)}</footer>
</body>
</html>
`;
}
