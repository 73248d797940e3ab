// 省级汇总 (province operator): every city hotline of the province side by side — requests
// received, work orders, overdue ones (and their share, with what it is made of), surge and risk
// alerts, and each city's largest surges by category × area — for a period of local days. Counts
// only: analytics answers the province nothing that names a request, and this page links to none.
// Loaded lazily with the charting library.
import { useState } from 'react';
import { Button, Card, Col, Input, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ALERT_SEVERITIES, type AlertSeverity } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { ProvinceCityFigures, ProvinceOverviewView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { SeverityTag } from './oversight-shared';
import { ProblemAlert } from './shared';
import { ProvinceChart } from './ProvinceChart';

const FIELDS: Record<string, [string, string]> = { from: ['起始日期', 'From'], to: ['截止日期', 'To'] };
const localDay = (days = 0) => new Intl.DateTimeFormat('sv-SE').format(new Date(Date.now() + days * 86_400_000));
/** "12.5%（1/8）"; "—" with nothing in the denominator. */
const share = (n: number, d: number) => `${d === 0 ? '—' : `${((n / d) * 100).toFixed(1)}%`}（${n}/${d}）`;
const isSeverity = (s: string): s is AlertSeverity => (ALERT_SEVERITIES as readonly string[]).includes(s);

export function ProvinceOverview() {
  const t = useT();
  const [from, setFrom] = useState(() => localDay(-29));
  const [to, setTo] = useState(() => localDay());
  const [asked, setAsked] = useState({ from, to });
  const overview = usePolled(
    () => unwrap<ProvinceOverviewView>(api.analytics.GET('/v1/province/overview', { params: { query: { ...(asked.from ? { from: asked.from } : {}), ...(asked.to ? { to: asked.to } : {}) } } })),
    [asked],
    60_000,
  );
  const o = overview.data;
  const ask = () => setAsked({ from, to });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('省级汇总', 'Province overview')}</Typography.Title>}>
        <Space wrap style={{ marginBottom: 16 }}>
          <label htmlFor="province-from">{t('起始日期', 'From')}</label>
          <Input id="province-from" type="date" style={{ width: 170 }} value={from} onChange={(e) => setFrom(e.target.value)} onPressEnter={ask} />
          <label htmlFor="province-to">{t('截止日期', 'To')}</label>
          <Input id="province-to" type="date" style={{ width: 170 }} value={to} onChange={(e) => setTo(e.target.value)} onPressEnter={ask} />
          <Button type="primary" onClick={ask}>{t('查询', 'Show')}</Button>
        </Space>
        <ProblemAlert error={overview.error} fields={FIELDS} />
        {o && (
          <Row gutter={16} data-testid="province-totals">
            <Col span={4}><Statistic title={t('受理诉求', 'Requests')} value={o.totals.requests} /></Col>
            <Col span={4}><Statistic title={t('工单', 'Work orders')} value={o.totals.workOrders} /></Col>
            <Col span={5}><Statistic title={t('超期工单', 'Overdue orders')} value={o.totals.overdueWorkOrders} /><Typography.Text type="secondary">{t('超期率', 'Overdue share')} {share(o.totals.overdueWorkOrders, o.totals.workOrders)}</Typography.Text></Col>
            <Col span={4}><Statistic title={t('热点激增预警', 'Surge alerts')} value={o.totals.surgeAlerts} /></Col>
            <Col span={4}><Statistic title={t('风险与舆情预警', 'Risk alerts')} value={o.totals.riskAlerts} /></Col>
          </Row>
        )}
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('各市对比', 'By city')}</Typography.Title>}>
        {o && o.items.length > 0 && <ProvinceChart cities={o.items} />}
        <Table<ProvinceCityFigures>
          rowKey="tenant"
          size="small"
          data-testid="province-cities"
          loading={overview.loading && !o}
          dataSource={o?.items}
          pagination={false}
          locale={{ emptyText: <Typography.Text>{t('本省尚无登记的城市热线', 'No city hotline registered in the province')}</Typography.Text> }}
          columns={[
            { title: t('城市热线', 'City hotline'), key: 'city', render: (_: unknown, c) => <span>{c.name}<br /><Typography.Text type="secondary">{c.tenant}{c.status !== 'active' ? ` · ${c.status}` : ''}</Typography.Text></span> },
            { title: t('受理诉求', 'Requests'), key: 'requests', render: (_: unknown, c) => <span data-testid={`province-requests-${c.tenant}`}>{c.requests}</span> },
            { title: t('工单', 'Orders'), dataIndex: 'workOrders' },
            { title: t('超期工单（超期率）', 'Overdue (share)'), key: 'overdue', render: (_: unknown, c) => share(c.overdueWorkOrders, c.workOrders) },
            { title: t('热点激增预警', 'Surge alerts'), dataIndex: 'surgeAlerts' },
            { title: t('风险与舆情预警', 'Risk alerts'), dataIndex: 'riskAlerts' },
            {
              title: t('最大热点（分类 × 区域）', 'Largest surges (category × area)'),
              key: 'hotspots',
              render: (_: unknown, c) =>
                c.hotspots.length === 0 ? '—' : (
                  <Space direction="vertical" size={2}>
                    {c.hotspots.map((h, i) => (
                      <span key={i}>{isSeverity(h.severity) ? <SeverityTag severity={h.severity} /> : <Tag>{h.severity}</Tag>}{`${h.categoryCode ?? '—'} × ${h.areaCode ?? '—'}：${h.count}`}</span>
                    ))}
                  </Space>
                ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('省级只看汇总数：诉求的内容和诉求人留在各市，本页不链接任何单件诉求。诉求按受理日期、预警按发出日期计。', 'The province sees counts only: requests and requesters stay with each city, and this page links to no single request. Requests count by the day received, alerts by the day raised.')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
