// 报告 (supervisor, tenant admin): the hotline's 日报/周报/月报 as analytics issues them — stored
// snapshots, the latest period first, each period's versions newest first — generated now for a
// period that contains a chosen day, and opened as readable sections: volumes, the rates each with
// its numerator and denominator, the units' rankings, hotspots, oversight and the comparison with
// the previous period. The CSV and the printable page need the bearer token, so they are fetched
// with the session's token and saved, or opened, as a blob (as the archive export is).
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { REPORT_GENERATOR_LABELS, REPORT_PERIOD_LABELS, REPORT_PERIODS, REPORT_STATE_LABELS, REQUEST_STATUS_LABELS, type ReportPeriod } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { Page, ReportRankingEntry, ReportSummaryView, ReportView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import { SeverityTag } from './oversight-shared';
import { formatTime, ProblemAlert } from './shared';

const PAGE_SIZE = 20;
const FIELDS: Record<string, [string, string]> = { period: ['报告类型', 'Period'], date: ['日期', 'Date'] };

const localToday = () => new Intl.DateTimeFormat('sv-SE').format(new Date());
const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);
/** "95.12%（39/41）": a rate always beside what it is made of. */
const rateWith = (r: { rate: number | null; numerator: number; denominator: number }) => `${pct(r.rate)}（${r.numerator}/${r.denominator}）`;
const RATE_CODES = new Set(['response', 'onTimeAnswer', 'resolution', 'satisfaction', 'onTimeCompletion', 'revisit', 'redo', 'urge']);

type Snapshot = ReportView['report'];
type AlertLine = Snapshot['hotspots']['alerts']['items'][number];
type ComparisonLine = Snapshot['comparison']['items'][number];
type UnitLine = Snapshot['units'][number];

const sectionTitle = (text: string) => <Typography.Title level={4} style={{ fontSize: 15, margin: '16px 0 8px' }}>{text}</Typography.Title>;

function saveBlob(blob: Blob, name: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

function Ranking({ entries, testId, t }: { entries: ReportRankingEntry[]; testId: string; t: Translate }) {
  return (
    <Table<ReportRankingEntry>
      rowKey="unitId"
      size="small"
      data-testid={testId}
      pagination={false}
      dataSource={entries}
      locale={{ emptyText: t('本期无', 'None this period') }}
      columns={[
        { title: t('名次', 'Rank'), key: 'rank', render: (_: unknown, e) => e.rank ?? '—' },
        { title: t('单位', 'Unit'), dataIndex: 'unitName' },
        { title: t('比率（分子/分母）', 'Rate (of)'), key: 'rate', render: (_: unknown, e) => rateWith(e) },
      ]}
    />
  );
}

function ReportDetail({ id }: { id: string }) {
  const t = useT();
  const [error, onError] = useState<unknown>();
  const found = usePolled(() => unwrap<ReportView>(api.analytics.GET('/v1/reports/{ref}', { params: { path: { ref: id } } })), [id], 600_000);
  const [busy, setBusy] = useState<'csv' | 'print'>();
  const r = found.data;
  const fetchBlob = async (kind: 'csv' | 'print') => {
    if (!r) return;
    setBusy(kind);
    onError(undefined);
    try {
      if (kind === 'csv') {
        const blob = await unwrap<Blob>(api.analytics.GET('/v1/reports/{ref}', { params: { path: { ref: `${id}.csv` } }, parseAs: 'blob' }));
        saveBlob(blob, `report-${r.report.tenant.id}-${r.period}-${r.periodKey}-v${r.version}.csv`);
      } else {
        const html = await unwrap<Blob>(api.analytics.GET('/v1/reports/{id}/print', { params: { path: { id } }, parseAs: 'blob' }));
        const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
        // No script runs on the page (analytics escapes every value), and it gets no handle on the console.
        const tab = window.open(url, '_blank');
        if (tab) tab.opener = null;
        // The new tab has read it by then; the URL is not kept for longer than needed.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
    } catch (err) {
      onError(err);
    } finally {
      setBusy(undefined);
    }
  };
  if (!r) return <ProblemAlert error={found.error} />;
  const s = r.report;
  const v = s.volumes;
  const o = s.oversight;
  return (
    <Card
      data-testid="report-detail"
      title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{`${s.tenant.name} ${t.label(REPORT_PERIOD_LABELS[r.period], r.period)} · ${s.span.title}`}</Typography.Title>}
      extra={
        <Space>
          <Button loading={busy === 'csv'} onClick={() => void fetchBlob('csv')}>{t('下载 CSV', 'Download CSV')}</Button>
          <Button loading={busy === 'print'} onClick={() => void fetchBlob('print')}>{t('打开打印版', 'Open printable page')}</Button>
        </Space>
      }
    >
      <ProblemAlert error={error ?? found.error} />
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'version', label: t('版本', 'Version'), children: <span>{`v${r.version}`} <Tag>{t.label(REPORT_STATE_LABELS[r.state], r.state)}</Tag></span> },
          { key: 'span', label: t('统计周期', 'Period'), children: `${s.span.start} — ${s.span.end}（${r.timeZone}）` },
          { key: 'generated', label: t('生成', 'Generated'), children: `${formatTime(r.generatedAt, t.lang)} · ${t.label(REPORT_GENERATOR_LABELS[r.generator], r.generator)}` },
          ...(s.complete ? [] : [{ key: 'incomplete', label: t('注意', 'Note'), children: t('统计周期尚未结束，数据为生成时的情况', 'The period had not ended: figures as of generation') }]),
        ]}
      />
      {sectionTitle(t('受理与办结', 'Volumes'))}
      <Row gutter={16} data-testid="report-volumes">
        <Col span={4}><Statistic title={t('受理诉求', 'Received')} value={v.received} /></Col>
        <Col span={4}><Statistic title={t('已办结', 'Closed')} value={v.closed} /></Col>
        <Col span={4}><Statistic title={t('直接办理', 'Answered directly')} value={v.directAnswers} /></Col>
        <Col span={4}><Statistic title={t('诉求终结', 'Terminated')} value={v.terminated} /></Col>
        <Col span={4}><Statistic title={t('并单', 'Merged')} value={v.merged} /></Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('按类型：', 'By type: ')}{v.byType.map((x) => `${x.label} ${x.count}`).join('、') || '—'}；{t('按渠道：', 'by channel: ')}{v.byChannel.map((x) => `${x.label} ${x.count}`).join('、') || '—'}；
        {t('按状态：', 'by status: ')}{v.byStatus.filter((x) => x.count > 0).map((x) => `${t.label(REQUEST_STATUS_LABELS[x.status], x.status)} ${x.count}`).join('、') || '—'}
      </Typography.Paragraph>
      {sectionTitle(t('考核指标（含分子分母）', 'Rates, with numerator and denominator'))}
      <Table
        rowKey="code"
        size="small"
        data-testid="report-rates"
        pagination={false}
        dataSource={s.rates}
        columns={[
          { title: t('指标', 'Rate'), dataIndex: 'label' },
          { title: t('分子', 'Numerator'), dataIndex: 'numerator' },
          { title: t('分母', 'Denominator'), dataIndex: 'denominator' },
          { title: t('比率', 'Rate'), key: 'rate', render: (_: unknown, x: { rate: number | null }) => pct(x.rate) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('平均办理时长（工作小时）：', 'Mean handling time (working hours): ')}{s.avgHandlingWorkingHours ?? '—'}
      </Typography.Paragraph>
      {sectionTitle(t('督办与超期', 'Oversight'))}
      <Row gutter={16} data-testid="report-oversight">
        <Col span={3}><Statistic title={t('派发工单', 'Work orders')} value={o.workOrders} /></Col>
        <Col span={3}><Statistic title={t('被催办', 'Urged')} value={o.urged} /></Col>
        <Col span={3}><Statistic title={t('催办通知书', 'Urging notices')} value={o.urgeNotices} /></Col>
        <Col span={3}><Statistic title={t('通报批评', 'Circulars')} value={o.circulars} /></Col>
        <Col span={3}><Statistic title={t('督办单', 'Supervision orders')} value={o.supervisions} /></Col>
        <Col span={3}><Statistic title={t('签收超期', 'Sign-for overdue')} value={o.signOverdue} /></Col>
        <Col span={3}><Statistic title={t('办理超期', 'Handling overdue')} value={o.handleOverdue} /></Col>
      </Row>
      {sectionTitle(t('承办单位排名', "The units' rankings"))}
      <Row gutter={24}>
        <Col xs={24} xl={12}><Typography.Text strong>{t('按时办结率', 'On-time completion')}</Typography.Text><Ranking entries={s.rankings.onTimeCompletion} testId="report-ranking-on-time" t={t} /></Col>
        <Col xs={24} xl={12}><Typography.Text strong>{t('满意率', 'Satisfaction')}</Typography.Text><Ranking entries={s.rankings.satisfaction} testId="report-ranking-satisfaction" t={t} /></Col>
      </Row>
      {sectionTitle(t('热点', 'Hotspots'))}
      <Row gutter={24}>
        <Col xs={24} xl={8}>
          <Table rowKey="code" size="small" pagination={false} dataSource={s.hotspots.categories} locale={{ emptyText: t('本期无', 'None') }} columns={[{ title: t('热点分类', 'Category'), dataIndex: 'code' }, { title: t('本期', 'This period'), dataIndex: 'count' }, { title: t('上期', 'Previous'), dataIndex: 'previous' }]} />
        </Col>
        <Col xs={24} xl={8}>
          <Table rowKey="code" size="small" pagination={false} dataSource={s.hotspots.areas} locale={{ emptyText: t('本期无', 'None') }} columns={[{ title: t('热点区域', 'Area'), dataIndex: 'code' }, { title: t('本期', 'This period'), dataIndex: 'count' }, { title: t('上期', 'Previous'), dataIndex: 'previous' }]} />
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Text strong>{t(`本期预警 ${s.hotspots.alerts.raised} 条`, `${s.hotspots.alerts.raised} alert(s) this period`)}</Typography.Text>
          <Table<AlertLine>
            rowKey="alertId"
            size="small"
            pagination={false}
            data-testid="report-alerts"
            dataSource={s.hotspots.alerts.items}
            locale={{ emptyText: t('本期无', 'None') }}
            columns={[
              { title: t('级别', 'Severity'), key: 'sev', render: (_: unknown, a) => <SeverityTag severity={a.severity} /> },
              { title: t('分类 × 区域', 'Category × area'), key: 'key', render: (_: unknown, a) => `${a.categoryCode ?? '—'} × ${a.areaCode ?? '—'}` },
              { title: t('诉求数', 'Requests'), dataIndex: 'count' },
            ]}
          />
        </Col>
      </Row>
      {sectionTitle(t(`与上期（${s.comparison.previous.title}）比较`, `Against the previous period (${s.comparison.previous.title})`))}
      <Table<ComparisonLine>
        rowKey="code"
        size="small"
        data-testid="report-comparison"
        pagination={false}
        dataSource={s.comparison.items}
        columns={[
          { title: t('指标', 'Figure'), dataIndex: 'label' },
          { title: t('本期', 'This period'), key: 'current', render: (_: unknown, c) => (RATE_CODES.has(c.code) ? pct(c.current) : (c.current ?? '—')) },
          { title: t('上期', 'Previous'), key: 'previous', render: (_: unknown, c) => (RATE_CODES.has(c.code) ? pct(c.previous) : (c.previous ?? '—')) },
          {
            title: t('增减', 'Change'),
            key: 'delta',
            render: (_: unknown, c) =>
              c.delta === null ? '—' : RATE_CODES.has(c.code) ? t(`${(c.delta * 100).toFixed(2)} 个百分点`, `${(c.delta * 100).toFixed(2)} points`) : c.delta,
          },
          { title: t('环比', 'Relative'), key: 'change', render: (_: unknown, c) => pct(c.change) },
        ]}
      />
      {sectionTitle(t('承办单位', 'Units'))}
      <Table<UnitLine>
        rowKey="unitId"
        size="small"
        pagination={s.units.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        dataSource={s.units}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('工单', 'Orders'), dataIndex: 'workOrders' },
          { title: t('被催办', 'Urged'), dataIndex: 'urged' },
          { title: t('超期', 'Overdue'), dataIndex: 'overdue' },
          { title: t('响应率', 'Response'), key: 'resp', render: (_: unknown, u) => rateWith(u.response) },
          { title: t('按时办结率', 'On time'), key: 'ontime', render: (_: unknown, u) => rateWith(u.onTimeCompletion) },
          { title: t('解决率', 'Resolution'), key: 'res', render: (_: unknown, u) => rateWith(u.resolution) },
          { title: t('满意率', 'Satisfaction'), key: 'sat', render: (_: unknown, u) => rateWith(u.satisfaction) },
        ]}
      />
    </Card>
  );
}

export function Reports() {
  const t = useT();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<ReportPeriod | 'all'>('all');
  const [page, setPage] = useState(1);
  const [genPeriod, setGenPeriod] = useState<ReportPeriod>('daily');
  const [date, setDate] = useState(localToday);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [opened, setOpened] = useState<string>();
  const list = usePolled(
    () => unwrap<Page<ReportSummaryView>>(api.analytics.GET('/v1/reports', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(period !== 'all' ? { period } : {}) } } })),
    [period, page],
  );
  const generate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const made = await unwrap<ReportSummaryView>(api.analytics.POST('/v1/reports', { body: { period: genPeriod, date } }));
      void message.success(t(`已生成${t.label(REPORT_PERIOD_LABELS[made.period], made.period)}（第 ${made.version} 版）`, `${t.label(REPORT_PERIOD_LABELS[made.period], made.period)} generated (version ${made.version})`));
      setOpened(made.id);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('报告', 'Reports')}</Typography.Title>}
        extra={
          <Select<ReportPeriod | 'all'>
            aria-label={t('按报告类型筛选', 'Filter by period')}
            showSearch
            optionFilterProp="label"
            style={{ width: 130 }}
            value={period}
            onChange={(v) => { setPeriod(v); setPage(1); }}
            options={[{ value: 'all' as const, label: t('全部报告', 'Every report') }, ...REPORT_PERIODS.map((p) => ({ value: p, label: t.label(REPORT_PERIOD_LABELS[p], p) }))]}
          />
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <label htmlFor="report-period">{t('报告类型', 'Period')}</label>
          <Select<ReportPeriod> id="report-period" showSearch optionFilterProp="label" style={{ width: 120 }} value={genPeriod} onChange={setGenPeriod} options={REPORT_PERIODS.map((p) => ({ value: p, label: t.label(REPORT_PERIOD_LABELS[p], p) }))} />
          <label htmlFor="report-date">{t('所在日期', 'A day within it')}</label>
          <Input id="report-date" type="date" style={{ width: 170 }} value={date} onChange={(e) => setDate(e.target.value)} onPressEnter={() => void generate()} />
          <Button type="primary" loading={busy} disabled={!date} onClick={() => void generate()}>{t('立即生成', 'Generate now')}</Button>
        </Space>
        <ProblemAlert error={error ?? list.error} fields={FIELDS} />
        <Table<ReportSummaryView>
          rowKey="id"
          size="small"
          data-testid="reports"
          loading={list.loading && !list.data}
          dataSource={list.data?.items}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: <Typography.Text>{t('尚无报告', 'No reports yet')}</Typography.Text> }}
          rowClassName={(r) => (r.id === opened ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('类型', 'Period'), key: 'period', render: (_: unknown, r) => t.label(REPORT_PERIOD_LABELS[r.period], r.period) },
            { title: t('统计周期', 'Span'), key: 'span', render: (_: unknown, r) => (r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart} — ${r.periodEnd}`) },
            { title: t('版本', 'Version'), key: 'version', render: (_: unknown, r) => <span>{`v${r.version}`} <Tag>{t.label(REPORT_STATE_LABELS[r.state], r.state)}</Tag></span> },
            { title: t('生成', 'Generated'), key: 'gen', render: (_: unknown, r) => <span>{formatTime(r.generatedAt, t.lang)}<br /><Typography.Text type="secondary">{t.label(REPORT_GENERATOR_LABELS[r.generator], r.generator)}</Typography.Text></span> },
            {
              title: t('操作', 'Action'),
              key: 'open',
              render: (_: unknown, r) => (
                <Button size="small" aria-label={t(`查看报告 ${r.periodKey} v${r.version}`, `Open report ${r.periodKey} v${r.version}`)} onClick={() => setOpened(r.id)}>{t('查看', 'Open')}</Button>
              ),
            },
          ]}
        />
      </Card>
      {opened && <ReportDetail key={opened} id={opened} />}
    </Space>
  );
}
