// 话务统计 (supervisor, tenant admin): the hotline's phone-service rates from intake's call records
// (docs/calls.md) — 人工接通率 (answered ÷ offered) and 人工应答及时率 (answered within the
// threshold ÷ answered) per local day and queue, each with its numerator and denominator, the
// totals (rates of summed counts, never means of rates) and the two rates per day as lines.
// Loaded lazily with the charting library, so the agent desk's first load does not carry it.
import { useMemo, useState } from 'react';
import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { CallRate, CallRateFigures, CallRatesReportView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { CallRatesChart, type DayRates } from './CallRatesChart';
import { ProblemAlert } from './shared';

const FIELDS: Record<string, [string, string]> = { from: ['起始日期', 'From'], to: ['截止日期', 'To'], queue: ['队列', 'Queue'] };

/** A civil date `days` from today in the browser's zone, YYYY-MM-DD. */
const localDate = (days = 0) => new Intl.DateTimeFormat('sv-SE').format(new Date(Date.now() + days * 86_400_000));

type Row = CallRateFigures & { key: string; day: string; queue: string; total?: boolean };

/** "50.0%（1/2）": the rate with what it is made of; "—" with no denominator. */
export function rateText(r: CallRate): string {
  return `${r.value === null ? '—' : `${(Math.round(r.value * 1000) / 10).toFixed(1)}%`}（${r.numerator}/${r.denominator}）`;
}

/** Every civil date from `from` to `to`, both included (the report spans at most 92). */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`) && days.length < 92; d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

/** The rates of each day of the period over every queue shown (summed counts, then divided); a day without calls has none. */
function perDay(report: CallRatesReportView): DayRates[] {
  const rows = report.days;
  const byDay = new Map<string, { answered: number; offered: number; inTime: number }>();
  for (const r of rows) {
    const d = byDay.get(r.day) ?? { answered: 0, offered: 0, inTime: 0 };
    d.answered += r.answerRate.numerator;
    d.offered += r.answerRate.denominator;
    d.inTime += r.timelyAnswerRate.numerator;
    byDay.set(r.day, d);
  }
  return daysBetween(report.from, report.to).map((day) => {
    const d = byDay.get(day);
    return { day, answerRate: d?.offered ? d.answered / d.offered : null, timelyAnswerRate: d?.answered ? d.inTime / d.answered : null };
  });
}

export function CallRates() {
  const t = useT();
  const [from, setFrom] = useState(() => localDate(-6));
  const [to, setTo] = useState(() => localDate());
  const [queue, setQueue] = useState('');
  const [asked, setAsked] = useState({ from, to, queue: '' });
  const report = usePolled(
    () => unwrap<CallRatesReportView>(api.intake.GET('/v1/call-records/rates', { params: { query: { from: asked.from, to: asked.to, ...(asked.queue ? { queue: asked.queue } : {}) } } })),
    [asked],
    60_000,
  );
  const r = report.data;
  const rows: Row[] = useMemo(() => {
    if (!r) return [];
    const days = r.days.map((d) => ({ ...d, key: `${d.day}/${d.queue}` }));
    // With several queues, each queue's total too; then the total over everything shown.
    const queues = r.queues.length > 1 ? r.queues.map((q) => ({ ...q, key: `queue/${q.queue}`, day: t('合计', 'Total'), total: true })) : [];
    return [...days, ...queues, { ...r.total, key: 'total', day: t('总计', 'Total'), queue: r.queue ?? t('全部队列', 'Every queue'), total: true }];
  }, [r, t.lang]);
  const chartDays = useMemo(() => (r && r.days.length ? perDay(r) : []), [r]);
  const ask = () => setAsked({ from, to, queue: queue.trim() });

  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('话务统计', 'Call rates')}</Typography.Title>}
      extra={
        r && (
          <span data-testid="call-rates-policy">
            {r.policy.source === 'tenant' ? <Tag color="blue">{t('本热线口径', "This hotline's thresholds")}</Tag> : <Tag>{t('平台默认口径', 'Platform defaults')}</Tag>}
            <Typography.Text type="secondary">
              {t(
                `${r.policy.answerTimelySeconds} 秒内应答为及时；${r.policy.shortAbandonSeconds} 秒内挂机为短时呼损（${r.policy.shortAbandonsCounted ? '计入' : '不计入'}呼入量）· ${r.timeZone}`,
                `Timely: answered within ${r.policy.answerTimelySeconds} s; short abandon: within ${r.policy.shortAbandonSeconds} s (${r.policy.shortAbandonsCounted ? 'counted' : 'not counted'} as offered) · ${r.timeZone}`,
              )}
            </Typography.Text>
          </span>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="call-rates-from">{t('起始日期', 'From')}</label>
        <Input id="call-rates-from" type="date" style={{ width: 170 }} value={from} onChange={(e) => setFrom(e.target.value)} onPressEnter={ask} />
        <label htmlFor="call-rates-to">{t('截止日期', 'To')}</label>
        <Input id="call-rates-to" type="date" style={{ width: 170 }} value={to} onChange={(e) => setTo(e.target.value)} onPressEnter={ask} />
        <label htmlFor="call-rates-queue">{t('队列（留空为全部）', 'Queue (empty: every queue)')}</label>
        <Input id="call-rates-queue" style={{ width: 160 }} value={queue} onChange={(e) => setQueue(e.target.value)} onPressEnter={ask} maxLength={64} />
        <Button type="primary" onClick={ask} disabled={!from || !to}>{t('查询', 'Show')}</Button>
      </Space>
      <ProblemAlert error={report.error} fields={FIELDS} />
      {chartDays.length > 0 && <CallRatesChart days={chartDays} />}
      <Table<Row>
        rowKey="key"
        size="small"
        data-testid="call-rates"
        loading={report.loading && !r}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Typography.Text>{t('此期间没有来电记录', 'No calls in this period')}</Typography.Text> }}
        columns={[
          { title: t('日期', 'Day'), key: 'day', render: (_: unknown, row) => (row.total ? <Typography.Text strong>{row.day}</Typography.Text> : row.day) },
          { title: t('队列', 'Queue'), dataIndex: 'queue' },
          { title: t('呼入量', 'Offered'), dataIndex: 'offered' },
          { title: t('人工接通', 'Answered'), dataIndex: 'answered' },
          { title: t('人工接通率', 'Answer rate'), key: 'answerRate', render: (_: unknown, row) => <span data-testid={`answer-rate-${row.key}`}>{rateText(row.answerRate)}</span> },
          { title: t('人工应答及时率', 'Timely answer rate'), key: 'timely', render: (_: unknown, row) => <span data-testid={`timely-rate-${row.key}`}>{rateText(row.timelyAnswerRate)}</span> },
          { title: t('呼损', 'Abandoned'), dataIndex: 'abandoned' },
          { title: t('其中短时呼损', 'Short abandons'), dataIndex: 'shortAbandoned' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t(
          '人工接通率 = 人工接听量 ÷ 呼入量（目标 ≥ 95%）；人工应答及时率 = 及时应答量 ÷ 人工接听量（目标 ≥ 80%）。来电按进入排队的当地日期计；合计为计数之和的比率。',
          'Answer rate = answered ÷ offered (target ≥ 95 %); timely answer rate = answered in time ÷ answered (target ≥ 80 %). A call counts on the local day it entered the queue; totals are rates of summed counts.',
        )}
      </Typography.Paragraph>
    </Card>
  );
}
