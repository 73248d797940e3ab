// 预警设置 on the 预警 page: the tenant's surge thresholds and quiet hours (analytics
// /v1/hotspot-settings, every field at once) and its risk and 舆情 keyword lists
// (/v1/risk-patterns, the whole list replaces the documented defaults). The tenant admin edits
// them; a supervisor reads them with every field disabled.
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { ALERT_SEVERITIES, ALERT_SEVERITY_LABELS, RISK_CATEGORIES, RISK_CATEGORY_LABELS } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/analytics';
import type { HotspotSettingsView, RiskPatternView } from '../api/views';
import { useT } from '../i18n';
import { PageTitle, SourceTag, splitList, useSettingsForm } from './settings-shared';
import { ProblemAlert } from './shared';

type HotspotBody = paths['/v1/hotspot-settings']['put']['requestBody']['content']['application/json'];
type PatternsBody = paths['/v1/risk-patterns']['put']['requestBody']['content']['application/json'];

const HOTSPOT_FIELDS: Record<string, [string, string]> = {
  windowHours: ['统计窗口', 'Window'],
  baselineDays: ['基线天数', 'Baseline days'],
  seasonalDays: ['同期比对天数', 'Seasonal days'],
  minCount: ['最少诉求数', 'Minimum count'],
  pValue: ['显著性水平', 'p-value'],
  minExpectedPerDay: ['每日期望下限', 'Expected per day, at least'],
  quietFrom: ['免打扰开始', 'Quiet from'],
  quietTo: ['免打扰结束', 'Quiet to'],
  extraHolidays: ['额外休息日', 'Extra rest days'],
};

interface HotspotValues extends Omit<HotspotBody, 'extraHolidays' | 'quietFrom' | 'quietTo'> {
  quietFrom?: string;
  quietTo?: string;
  /** Days separated by commas or spaces (a plain field, readable by a screen reader). */
  extraHolidays?: string;
}

function HotspotCard({ editable }: { editable: boolean }) {
  const t = useT();
  const { form, settings, problem, busy, save } = useSettingsForm<HotspotSettingsView, HotspotValues>({
    read: () => unwrap<HotspotSettingsView>(api.analytics.GET('/v1/hotspot-settings')),
    write: (v) => {
      const body: HotspotBody = {
        windowHours: v.windowHours, baselineDays: v.baselineDays, seasonalDays: v.seasonalDays, minCount: v.minCount, pValue: v.pValue, minExpectedPerDay: v.minExpectedPerDay,
        quietFrom: v.quietFrom?.trim() || null, quietTo: v.quietTo?.trim() || null, extraHolidays: splitList(v.extraHolidays),
      };
      return unwrap<HotspotSettingsView>(api.analytics.PUT('/v1/hotspot-settings', { body }));
    },
    toForm: (s) => ({ ...s, quietFrom: s.quietFrom ?? '', quietTo: s.quietTo ?? '', extraHolidays: s.extraHolidays.join(', ') }),
    savedMessage: () => ['已保存热点预警设置', 'Surge settings saved'],
    refreshMs: 600_000,
  });
  const num = (name: keyof HotspotValues, zh: string, en: string, props: { min: number; max: number; step?: number; precision?: number }) => (
    <Form.Item name={name} label={t(zh, en)} htmlFor={`hotspot-${name}`} rules={[{ required: true, message: t(`请填写${zh}`, `Enter the ${en.toLowerCase()}`) }]}>
      <InputNumber id={`hotspot-${name}`} style={{ width: 140 }} {...props} />
    </Form.Item>
  );
  return (
    <Card
      title={<PageTitle level={3}>{t('热点激增预警设置', 'Surge thresholds and quiet hours')}</PageTitle>}
      extra={settings.data && <SourceTag testId="hotspot-source" own={!settings.data.isDefault} />}
    >
      <ProblemAlert error={problem} fields={HOTSPOT_FIELDS} />
      <Form<HotspotValues> form={form} layout="vertical" disabled={!editable} onFinish={(v) => void save(v)} aria-label={t('热点激增预警设置', 'Surge settings')}>
        <Space wrap>
          {num('windowHours', '统计窗口（小时）', 'Window (hours)', { min: 1, max: 336, precision: 0 })}
          {num('minCount', '最少诉求数', 'Minimum count', { min: 2, max: 100000, precision: 0 })}
          {num('pValue', '显著性水平', 'p-value', { min: 0.0001, max: 0.4999, step: 0.001 })}
          {num('baselineDays', '基线天数', 'Baseline days', { min: 7, max: 180, precision: 0 })}
          {num('seasonalDays', '同期比对（±天）', 'Same period last year (± days)', { min: 0, max: 60, precision: 0 })}
          {num('minExpectedPerDay', '每日期望下限', 'Expected per day, at least', { min: 0.01, max: 100000, step: 0.1 })}
        </Space>
        <Space wrap>
          <Form.Item name="quietFrom" label={t('免打扰开始（HH:MM，留空为无）', 'Quiet from (HH:MM, empty: none)')} htmlFor="hotspot-quietFrom">
            <Input id="hotspot-quietFrom" style={{ width: 140 }} maxLength={5} placeholder="22:00" />
          </Form.Item>
          <Form.Item name="quietTo" label={t('免打扰结束', 'Quiet to')} htmlFor="hotspot-quietTo">
            <Input id="hotspot-quietTo" style={{ width: 140 }} maxLength={5} placeholder="07:00" />
          </Form.Item>
          <Form.Item name="extraHolidays" label={t('额外休息日（YYYY-MM-DD，逗号分隔）', 'Extra rest days (YYYY-MM-DD, comma-separated)')} htmlFor="hotspot-extraHolidays">
            <Input id="hotspot-extraHolidays" style={{ width: 320 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">
          {t('免打扰时段内，除“特别严重”外的预警推送顺延至时段结束；页面上的预警不受影响。', 'In the quiet hours deliveries of alerts below critical wait for their end; the page shows every alert at once.')}
        </Typography.Paragraph>
        {editable && <Button type="primary" htmlType="submit" loading={busy}>{t('保存热点预警设置', 'Save surge settings')}</Button>}
      </Form>
    </Card>
  );
}

interface PatternValues {
  code: string;
  category: RiskPatternView['category'];
  severity: RiskPatternView['severity'];
  stabilityRisk: boolean;
  /** Terms one a line (or separated by 、), `a+b` when every part must appear. */
  terms: string;
}

/** GET and PUT /v1/risk-patterns: the whole list, and whether it is the documented defaults. */
interface RiskPatternsView {
  patterns: RiskPatternView[];
  isDefault: boolean;
}

const PATTERN_FIELDS: Record<string, [string, string]> = { patterns: ['关键词规则', 'Patterns'] };

function RiskPatternsCard({ editable }: { editable: boolean }) {
  const t = useT();
  const { form, settings: patterns, problem, busy, save } = useSettingsForm<RiskPatternsView, { patterns: PatternValues[] }>({
    read: () => unwrap<RiskPatternsView>(api.analytics.GET('/v1/risk-patterns')),
    write: ({ patterns: list }) => {
      const body: PatternsBody = {
        patterns: (list ?? []).map((p) => ({ code: p.code.trim(), category: p.category, severity: p.severity, stabilityRisk: p.stabilityRisk, terms: p.terms.split(/[\n、]+/).map((x) => x.trim()).filter(Boolean) })),
      };
      return unwrap<RiskPatternsView>(api.analytics.PUT('/v1/risk-patterns', { body }));
    },
    toForm: (s) => ({ patterns: s.patterns.map((p) => ({ ...p, terms: p.terms.join('\n') })) }),
    savedMessage: () => ['已保存风险关键词', 'Risk keywords saved'],
    refreshMs: 600_000,
  });
  // A 400 names e.g. patterns.2.terms.0: shown as the pattern's position.
  const fieldLabel = (f: string): [string, string] => {
    const m = /^patterns\.(\d+)/.exec(f);
    return m ? [`第 ${Number(m[1]) + 1} 条规则`, `pattern ${Number(m[1]) + 1}`] : (PATTERN_FIELDS[f] ?? [f, f]);
  };
  const problemFields = new Proxy(PATTERN_FIELDS, { get: (_, f: string) => fieldLabel(f) });
  return (
    <Card
      title={<PageTitle level={3}>{t('风险与舆情关键词', 'Risk and public-opinion keywords')}</PageTitle>}
      extra={patterns.data && <SourceTag testId="risk-patterns-source" own={!patterns.data.isDefault} />}
    >
      <ProblemAlert error={problem} fields={problemFields} />
      <Typography.Paragraph type="secondary">
        {t('诉求标题或内容含任一关键词即发出预警；“燃气+泄漏”表示各部分须同时出现。每行一个关键词。', 'A request whose title or content holds any term raises an alert; "gas+leak" needs every part. One term a line.')}
      </Typography.Paragraph>
      <Form<{ patterns: PatternValues[] }> form={form} layout="vertical" disabled={!editable} onFinish={(v) => void save(v)} aria-label={t('风险与舆情关键词', 'Risk keywords')}>
        <Form.List name="patterns">
          {(rows, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="risk-patterns">
              {rows.map((row, i) => (
                <Card size="small" key={row.key} title={t(`规则 ${i + 1}`, `Pattern ${i + 1}`)} extra={editable && <Button size="small" danger onClick={() => remove(row.name)} aria-label={t(`删除规则 ${i + 1}`, `Remove pattern ${i + 1}`)}>{t('删除', 'Remove')}</Button>}>
                  <Space wrap align="start">
                    <Form.Item name={[row.name, 'code']} label={t('代码', 'Code')} htmlFor={`pattern-code-${i}`} rules={[{ required: true, message: t('请填写代码', 'Enter a code') }]}>
                      <Input id={`pattern-code-${i}`} style={{ width: 180 }} maxLength={60} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'category']} label={t('类别', 'Category')} htmlFor={`pattern-category-${i}`}>
                      <Select id={`pattern-category-${i}`} showSearch optionFilterProp="label" style={{ width: 140 }} options={RISK_CATEGORIES.map((c) => ({ value: c, label: t.label(RISK_CATEGORY_LABELS[c], c) }))} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'severity']} label={t('级别', 'Severity')} htmlFor={`pattern-severity-${i}`}>
                      <Select id={`pattern-severity-${i}`} showSearch optionFilterProp="label" style={{ width: 130 }} options={ALERT_SEVERITIES.map((s) => ({ value: s, label: t.label(ALERT_SEVERITY_LABELS[s], s) }))} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'stabilityRisk']} label={t('涉稳', 'Stability risk')} htmlFor={`pattern-stability-${i}`} valuePropName="checked">
                      <Switch id={`pattern-stability-${i}`} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'terms']} label={t('关键词（每行一个）', 'Terms (one a line)')} htmlFor={`pattern-terms-${i}`} rules={[{ required: true, whitespace: true, message: t('至少一个关键词', 'At least one term') }]}>
                      <Input.TextArea id={`pattern-terms-${i}`} style={{ width: 360 }} autoSize={{ minRows: 2, maxRows: 8 }} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              {editable && (
                <Space>
                  <Button onClick={() => add({ code: '', category: 'custom', severity: 'medium', stabilityRisk: false, terms: '' })}>{t('添加规则', 'Add a pattern')}</Button>
                  <Button type="primary" htmlType="submit" loading={busy}>{t('保存风险关键词', 'Save risk keywords')}</Button>
                </Space>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

export function WarningSettings({ editable }: { editable: boolean }) {
  const t = useT();
  return (
    <Card title={<PageTitle>{t('预警设置', 'Warning settings')}</PageTitle>}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {!editable && <Typography.Text type="secondary">{t('仅热线管理员可修改预警设置。', 'Only the tenant admin changes these settings.')}</Typography.Text>}
        <HotspotCard editable={editable} />
        <RiskPatternsCard editable={editable} />
      </Space>
    </Card>
  );
}
