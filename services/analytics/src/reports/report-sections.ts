import type { RankingEntry } from '@hotline/analytics-domain';
import {
  ALERT_KIND_LABELS,
  ALERT_SEVERITY_LABELS,
  REPORT_GENERATOR_LABELS,
  REPORT_PERIOD_LABELS,
  REPORT_STATE_LABELS,
  REQUEST_STATUS_LABELS,
} from '@hotline/vocabulary';
import type { ReportRecord } from './reports.repository';
import type { CallLine, ReportSnapshot } from './report-snapshot';

/** A fraction shown as a percentage on the page, written as the fraction itself in the CSV. */
export interface RateCell {
  rate: number | null;
}
export type Cell = string | number | null | RateCell;

const r = (rate: number | null): RateCell => ({ rate });
const RATE_CODES = new Set(['response', 'onTimeAnswer', 'resolution', 'satisfaction', 'onTimeCompletion', 'revisit', 'redo', 'urge', 'answerRate', 'timelyAnswerRate']);

/** What the 话务 section shows of a queue, in its columns' order: counts, then each rate beside its numerator and denominator. */
const callCells = (c: CallLine): Cell[] => [
  c.calls, c.offered, c.answered, c.answeredInTime, c.abandoned, c.shortAbandoned, c.shortExcluded, c.nonRequest,
  c.answerRate.numerator, c.answerRate.denominator, r(c.answerRate.rate),
  c.timelyAnswerRate.numerator, c.timelyAnswerRate.denominator, r(c.timelyAnswerRate.rate),
  c.callbacksDue, c.callbacksDone, r(c.callbackRate.rate),
];

/** The 话务 section: one row per queue and a total; none for a report issued before it existed (format 1). */
function callSections(s: ReportSnapshot): ReportSection[] {
  if (!s.calls) return [];
  return [
    {
      code: 'calls',
      title: '话务（人工接通率、人工应答及时率，按来电进入队列的日期）',
      columns: [
        '队列', '进入队列来电', '来电呼入总量', '人工接听', '及时应答', '呼损', '短时呼损', '不计入呼入的短时呼损', '无效来电',
        '人工接通率分子', '人工接通率分母', '人工接通率', '人工应答及时率分子', '人工应答及时率分母', '人工应答及时率',
        '应回拨', '已回拨', '漏接回拨率',
      ],
      rows: [...s.calls.queues.map((q) => [q.queue, ...callCells(q)]), ['合计', ...callCells(s.calls.total)]],
    },
  ];
}

/** One table of a report, as the CSV and the printable page both lay it out. */
export interface ReportSection {
  code: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

/** A rate as a percentage with two decimals; a dash when nothing was in its denominator. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;
}

const yesNo = (value: boolean) => (value ? '是' : '否');
const ranked = (entries: RankingEntry[]): Cell[][] => entries.map((e) => [e.rank ?? '—', e.unitId, e.unitName, e.numerator, e.denominator, r(e.rate)]);

/**
 * The report's tables, in print order. Cells hold the figures as stored (rates as fractions, so
 * a spreadsheet can compute with them); the printable page formats them.
 */
export function reportSections(record: ReportRecord, s: ReportSnapshot): ReportSection[] {
  const v = s.volumes;
  return [
    {
      code: 'report',
      title: '报告信息',
      columns: ['项目', '值'],
      rows: [
        ['热线', s.tenant.name],
        ['租户代码', s.tenant.id],
        ['报告类型', REPORT_PERIOD_LABELS[s.period].zh],
        ['统计周期', s.span.title],
        ['起始日', s.span.start],
        ['截止日', s.span.end],
        ['时区', s.timeZone],
        ['版本', record.version],
        ['状态', REPORT_STATE_LABELS[record.state].zh],
        ['生成方式', REPORT_GENERATOR_LABELS[s.generator].zh],
        ['生成人', s.generatedBy],
        ['生成时间', s.generatedAt],
        ['周期已结束', yesNo(s.complete)],
        ['基本满意计入满意的权重', s.basis.basicallySatisfiedWeight],
        ['部分解决计入解决的权重', s.basis.partlyResolvedWeight],
        ['诉求终结不计入考核', yesNo(s.basis.excludeTerminated)],
        ['不合理差评不计入满意率', yesNo(s.basis.excludeUnreasonableEvaluations)],
      ],
    },
    {
      code: 'volumes',
      title: '受理与办结',
      columns: ['指标', '名称', '数量'],
      rows: [
        ['received', '受理诉求', v.received],
        ['closed', '已办结', v.closed],
        ['directAnswers', '直接办理', v.directAnswers],
        ['terminated', '诉求终结', v.terminated],
        ['merged', '并单', v.merged],
      ],
    },
    { code: 'byType', title: '按诉求类型', columns: ['类型代码', '类型', '数量'], rows: v.byType.map((t) => [t.code, t.label, t.count]) },
    { code: 'byChannel', title: '按受理渠道', columns: ['渠道代码', '渠道', '数量'], rows: v.byChannel.map((c) => [c.code, c.label, c.count]) },
    {
      code: 'byStatus',
      title: '按当前状态',
      columns: ['状态代码', '状态', '数量'],
      rows: v.byStatus.filter((x) => x.count > 0).map((x) => [x.status, REQUEST_STATUS_LABELS[x.status].zh, x.count]),
    },
    {
      code: 'rates',
      title: '考核指标（含分子分母）',
      columns: ['指标', '名称', '分子', '分母', '比率'],
      rows: [...s.rates.map((x) => [x.code, x.label, x.numerator, x.denominator, r(x.rate)]), ['avgHandlingWorkingHours', '平均办理时长（工作小时）', null, null, s.avgHandlingWorkingHours]],
    },
    {
      code: 'oversight',
      title: '督办与超期',
      columns: ['指标', '名称', '数量'],
      rows: [
        ['workOrders', '派发工单', s.oversight.workOrders],
        ['urged', '被催办工单', s.oversight.urged],
        ['urgeNotices', '发出催办通知书', s.oversight.urgeNotices],
        ['circulars', '通报批评', s.oversight.circulars],
        ['supervisions', '督办单', s.oversight.supervisions],
        ['signOverdue', '签收超期工单', s.oversight.signOverdue],
        ['handleOverdue', '办理超期工单', s.oversight.handleOverdue],
        ['overdue', '超期工单（合计）', s.oversight.overdue],
      ],
    },
    ...callSections(s),
    {
      code: 'units',
      title: '承办单位',
      columns: ['单位ID', '单位名称', '工单数', '被催办', '超期', '响应率分子', '响应率分母', '响应率', '按时办结分子', '按时办结分母', '按时办结率', '解决率分子', '解决率分母', '解决率', '满意率分子', '满意率分母', '满意率'],
      rows: s.units.map((u) => [
        u.unitId, u.unitName, u.workOrders, u.urged, u.overdue,
        u.response.numerator, u.response.denominator, r(u.response.rate),
        u.onTimeCompletion.numerator, u.onTimeCompletion.denominator, r(u.onTimeCompletion.rate),
        u.resolution.numerator, u.resolution.denominator, r(u.resolution.rate),
        u.satisfaction.numerator, u.satisfaction.denominator, r(u.satisfaction.rate),
      ]),
    },
    { code: 'rankingOnTimeCompletion', title: '单位排名：按时办结率', columns: ['名次', '单位ID', '单位名称', '分子', '分母', '比率'], rows: ranked(s.rankings.onTimeCompletion) },
    { code: 'rankingSatisfaction', title: '单位排名：满意率', columns: ['名次', '单位ID', '单位名称', '分子', '分母', '比率'], rows: ranked(s.rankings.satisfaction) },
    { code: 'topCategories', title: '热点分类', columns: ['分类代码', '本期', '上期'], rows: s.hotspots.categories.map((h) => [h.code, h.count, h.previous]) },
    { code: 'topAreas', title: '热点区域', columns: ['区划代码', '本期', '上期'], rows: s.hotspots.areas.map((h) => [h.code, h.count, h.previous]) },
    {
      code: 'alerts',
      title: `预警（本期共 ${s.hotspots.alerts.raised} 条）`,
      columns: ['预警ID', '类型', '级别', '分类代码', '区划代码', '诉求数', '发出时间'],
      rows: s.hotspots.alerts.items.map((a) => [
        a.alertId, ALERT_KIND_LABELS[a.kind]?.zh ?? a.kind, ALERT_SEVERITY_LABELS[a.severity]?.zh ?? a.severity, a.categoryCode, a.areaCode, a.count, a.raisedAt,
      ]),
    },
    {
      code: 'clusters',
      title: '相似诉求聚集',
      columns: ['聚类ID', '分类代码', '区划代码', '本期诉求', '累计诉求', '诉求人', '热度'],
      rows: s.hotspots.clusters.map((c) => [c.clusterId, c.categoryCode, c.areaCode, c.requestsInPeriod, c.requests, c.requesters, c.heat]),
    },
    {
      code: 'comparison',
      title: `与上期（${s.comparison.previous.title}）比较`,
      columns: ['指标', '名称', '本期', '上期', '增减', '环比'],
      rows: s.comparison.items.map((c) =>
        RATE_CODES.has(c.code) ? [c.code, c.label, r(c.current), r(c.previous), r(c.delta), r(c.change)] : [c.code, c.label, c.current, c.previous, c.delta, r(c.change)],
      ),
    },
  ];
}
