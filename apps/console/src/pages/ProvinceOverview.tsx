// 省级汇总 (province operator): every city hotline of the province side by side — requests
// received, work orders, overdue ones (and their share, with what it is made of), the three rates
// (响应率, 解决率, 满意率) each with its numerator and denominator as the city's own dashboard
// counts them, surge and risk alerts, and each city's largest surges by category × area — for a
// period of local days. Counts only: analytics answers the province nothing that names a request,
// and this page links to none. Loaded lazily with the charting library.
import { useState } from 'react';
import { Button, Card, Col, Input, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ALERT_SEVERITIES, type AlertSeverity } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { ProvinceCityFigures, ProvinceOverviewView, ProvinceRates } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { SeverityTag } from './oversight-shared';
import { ProblemAlert } from './shared';
import { ProvinceChart, ProvinceRatesChart } from './ProvinceChart';

const FIELDS: Record<string, [string, string]> = { from: ['起始日期', 'From'], to: ['截止日期', 'To'] };
const localDay = (days = 0) => new Intl.DateTimeFormat('sv-SE').format(new Date(Date.now() + days * 86_400_000));
/** "12.5%（1/8）"; "—" with nothing in the denominator. */
const share = (n: number, d: number) => `${d === 0 ? '—' : `${((n / d) * 100).toFixed(1)}%`}（${n}/${d}）`;
const isSeverity = (s: string): s is AlertSeverity => (ALERT_SEVERITIES as readonly string[]).includes(s);
/** A rate as analytics rounds it, beside what it counts: "85.0%（6/8）"; "—" with nothing in the denominator. */
const rateText = (rate: number | null, n: number, d: number) => `${rate === null ? '—' : `${(rate * 100).toFixed(1)}%`}（${n}/${d}）`;
const THREE_RATES: Array<{ key: 'response' | 'resolution' | 'satisfaction'; zh: string; en: string; of: (r: ProvinceRates) => [number | null, number, number] }> = [
  { key: 'response', zh: '响应率', en: 'Response', of: (r) => [r.responseRate, r.signedOnTime, r.responseDenominator] },
  { key: 'resolution', zh: '解决率', en: 'Resolution', of: (r) => [r.resolutionRate, r.resolutionNumerator, r.revisits] },
  { key: 'satisfaction', zh: '满意率', en: 'Satisfaction', of: (r) => [r.satisfactionRate, r.satisfactionNumerator, r.validEvaluations] },
];
const DENOMINATOR: Record<(typeof THREE_RATES)[number]['key'], [string, string]> = {
  response: ['按时签收 / 应签收工单', 'signed on time / orders due'],
  resolution: ['解决 / 有效回访', 'resolved / evaluations'],
  satisfaction: ['满意 / 有效参评', 'satisfied / valid evaluations'],
};

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
        {o && (
          <Row gutter={16} style={{ marginTop: 16 }} data-testid="province-rates">
            {THREE_RATES.map((r) => {
              const [rate, n, d] = r.of(o.totals.rates);
              return (
                <Col span={5} key={r.key}>
                  <Statistic title={t(`全省${r.zh}`, `Province ${r.en.toLowerCase()} rate`)} value={rate === null ? '—' : `${(rate * 100).toFixed(1)}%`} />
                  <Typography.Text type="secondary" data-testid={`province-${r.key}-total`}>{t(...DENOMINATOR[r.key])} {n}/{d}</Typography.Text>
                </Col>
              );
            })}
            {!o.totals.sameRateBasis && (
              <Col span={9}>
                <Typography.Text type="warning">{t('各市统计口径（权重或剔除规则）不同：全省合计按各市口径的分子分母相加。', 'The cities count with different rate settings: the province figures add up numerators and denominators counted each city’s way.')}</Typography.Text>
              </Col>
            )}
          </Row>
        )}
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('各市对比', 'By city')}</Typography.Title>}>
        {o && o.items.length > 0 && <ProvinceChart cities={o.items} />}
        {o && o.items.length > 0 && <ProvinceRatesChart cities={o.items} />}
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
            ...THREE_RATES.map((r) => ({
              title: t(r.zh, r.en),
              key: r.key,
              render: (_: unknown, c: ProvinceCityFigures) => {
                const [rate, n, d] = r.of(c.rates);
                return <span data-testid={`province-${r.key}-${c.tenant}`}>{rateText(rate, n, d)}</span>;
              },
            })),
            {
              title: t('统计口径', 'Rate settings'),
              key: 'basis',
              render: (_: unknown, c: ProvinceCityFigures) =>
                c.rateBasis.isDefault ? t('平台默认', 'Platform default') : t(`本市设置（基本满意×${c.rateBasis.basicallySatisfiedWeight}）`, `Own (basically satisfied ×${c.rateBasis.basicallySatisfiedWeight})`),
            },
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
          {t('省级只看汇总数：诉求的内容和诉求人留在各市，本页不链接任何单件诉求。诉求与三率按受理日期、预警按发出日期计；三率按各市自己的统计口径计算，括号内为分子/分母。', 'The province sees counts only: requests and requesters stay with each city, and this page links to no single request. Requests and the three rates count by the day received, alerts by the day raised; each city’s rates are counted with its own rate settings, numerator/denominator in brackets.')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
