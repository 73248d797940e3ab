// 办理时限 (tenant admin; supervisors and dispatchers read it): the time-limit table, request type
// × urgency → the sign-for and the handling clock (unit, amount, and for working days the counting),
// each row the hotline's own or the national default as handling reports it (`source`), edited in
// place and saved whole (PUT /v1/time-limits replaces every row of the hotline's; a row put back to
// its default is left out of the PUT and so follows the national default again). Work orders keep
// the rules they were created under.
//
// handling returns the source of each row, not the default's values: the national defaults are
// repeated here from libs/handling-domain defaultTimeLimit (docs/lifecycle.md "Time limits").
import { useEffect, useState } from 'react';
import { App, Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import {
  CLOCK_UNIT_LABELS,
  CLOCK_UNITS,
  COUNTING_LABELS,
  COUNTINGS,
  REQUEST_TYPE_LABELS,
  URGENCY_LABELS,
  type ClockUnit,
  type Counting,
  type RequestType,
  type Urgency,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { ClockRuleView, TimeLimitsView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import { PageTitle, ReadOnlyNote, SettingsProblem, SourceTag } from './settings-shared';

type Row = TimeLimitsView['items'][number];
type Clock = 'signFor' | 'handling';

const NORMAL_HANDLING_DAYS: Record<RequestType, number> = { consultation: 2, help: 10, suggestion: 10, complaint: 15, report: 15, praise: 5, other: 10 };

/** The national default of a pair (libs/handling-domain defaultTimeLimit). */
export function nationalDefault(requestType: RequestType, urgency: Urgency): Record<Clock, ClockRuleView> {
  if (urgency === 'normal') return { signFor: { unit: 'working-days', amount: 1 }, handling: { unit: 'working-days', amount: NORMAL_HANDLING_DAYS[requestType] } };
  if (urgency === 'urgent') return { signFor: { unit: 'calendar-minutes', amount: 30 }, handling: { unit: 'calendar-minutes', amount: 1440 } };
  return { signFor: { unit: 'calendar-minutes', amount: 15 }, handling: { unit: 'calendar-minutes', amount: 120 } };
}

const sameRule = (a: ClockRuleView, b: ClockRuleView) => a.unit === b.unit && a.amount === b.amount && (a.counting ?? null) === (b.counting ?? null);
const keyOf = (r: Pick<Row, 'requestType' | 'urgency'>) => `${r.requestType}/${r.urgency}`;

export const ruleText = (t: Translate, r: ClockRuleView) =>
  `${r.amount} ${t.label(CLOCK_UNIT_LABELS[r.unit], r.unit)}${r.counting ? ` · ${t.label(COUNTING_LABELS[r.counting], r.counting)}` : ''}`;

const DEFAULT_SOURCE: [string, string] = [
  '国家默认：签收 1 个工作日（征求意见稿编制说明）；一般诉求办理按广东 2022 年规定（咨询 2、求助 10、建议 10、投诉 15、举报 15、表扬 5、其他 10 个工作日）；紧急 30 分钟签收 / 24 小时办理，特急 15 分钟 / 2 小时（天津）',
  'National defaults: sign for within 1 working day (the draft standard’s notes); normal handling per Guangdong 2022 (consultation 2, help 10, suggestion 10, complaint 15, report 15, praise 5, other 10 working days); urgent 30 min / 24 h, critical 15 min / 2 h in calendar minutes (Tianjin)',
];

function RuleEditor({ id, label, rule, defaultCounting, disabled, onChange }: { id: string; label: string; rule: ClockRuleView; defaultCounting: Counting; disabled: boolean; onChange: (r: ClockRuleView) => void }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <InputNumber id={`${id}-amount`} aria-label={`${label} ${t('数量', 'amount')}`} min={1} max={10_000} precision={0} style={{ width: 88 }} value={rule.amount} disabled={disabled} onChange={(v) => v && onChange({ ...rule, amount: v })} />
      <Select<ClockUnit>
        id={`${id}-unit`}
        showSearch
        optionFilterProp="label"
        aria-label={`${label} ${t('单位', 'unit')}`}
        style={{ width: 112 }}
        value={rule.unit}
        disabled={disabled}
        onChange={(unit) => onChange(unit === 'working-days' ? { unit, amount: rule.amount, ...(rule.counting ? { counting: rule.counting } : {}) } : { unit, amount: rule.amount })}
        options={CLOCK_UNITS.map((u) => ({ value: u, label: t.label(CLOCK_UNIT_LABELS[u], u) }))}
      />
      {rule.unit === 'working-days' && (
        <Select<Counting | 'default'>
          id={`${id}-counting`}
          showSearch
          optionFilterProp="label"
          aria-label={`${label} ${t('起算方式', 'counting')}`}
          style={{ width: 196 }}
          value={rule.counting ?? 'default'}
          disabled={disabled}
          onChange={(c) => onChange(c === 'default' ? { unit: rule.unit, amount: rule.amount } : { ...rule, counting: c })}
          options={[
            { value: 'default' as const, label: t(`默认（${COUNTING_LABELS[defaultCounting].zh}）`, `Default (${COUNTING_LABELS[defaultCounting].en})`) },
            ...COUNTINGS.map((c) => ({ value: c, label: t.label(COUNTING_LABELS[c], c) })),
          ]}
        />
      )}
    </Space>
  );
}

export function TimeLimits({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const table = usePolled(() => unwrap<TimeLimitsView>(api.handling.GET('/v1/time-limits')), [], 60_000);
  const [rows, setRows] = useState<Row[]>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // A refresh never overwrites unsaved edits.
    if (table.data && !dirty) setRows(table.data.items);
  }, [table.data, dirty]);
  const defaultCounting = table.data?.defaultCounting ?? 'from-next-day';

  const edit = (key: string, clock: Clock, rule: ClockRuleView) => {
    setDirty(true);
    setRows((all) => all?.map((r) => (keyOf(r) === key ? { ...r, [clock]: rule, source: 'tenant' } : r)));
  };
  const revert = (key: string) => {
    setDirty(true);
    setRows((all) => all?.map((r) => (keyOf(r) === key ? { ...r, ...nationalDefault(r.requestType, r.urgency), source: 'default' } : r)));
  };

  const save = async () => {
    if (!rows) return;
    setBusy(true);
    setError(undefined);
    const rules = rows.filter((r) => r.source === 'tenant').map(({ requestType, urgency, signFor, handling }) => ({ requestType, urgency, signFor, handling }));
    try {
      const saved = await unwrap<TimeLimitsView>(api.handling.PUT('/v1/time-limits', { body: { rules } }));
      setRows(saved.items);
      setDirty(false);
      void message.success(t(`办理时限已保存：本热线 ${rules.length} 条，其余按国家默认；此后派出的工单按新时限计时`, `Saved: ${rules.length} rules of the hotline's own, the rest national defaults; orders dispatched from now on use them`));
      table.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const name = (r: Row) => `${t.label(REQUEST_TYPE_LABELS[r.requestType], r.requestType)} · ${t.label(URGENCY_LABELS[r.urgency], r.urgency)}`;
  const fields: Record<string, [string, string]> = {};
  (rows ?? []).filter((r) => r.source === 'tenant').forEach((r, i) => {
    for (const [f, zh, en] of [['signFor', '签收时限', 'sign-for'], ['handling', '办理时限', 'handling']] as const) {
      const label: [string, string] = [`${REQUEST_TYPE_LABELS[r.requestType].zh}·${URGENCY_LABELS[r.urgency].zh} ${zh}`, `${REQUEST_TYPE_LABELS[r.requestType].en} · ${URGENCY_LABELS[r.urgency].en} ${en}`];
      for (const part of ['', '.unit', '.amount', '.counting']) fields[`rules.${i}.${f}${part}`] = label;
    }
  });
  return (
    <Card
      title={<PageTitle>{t('办理时限', 'Time limits')}</PageTitle>}
      extra={
        canEdit && (
          <Space>
            <Button type="primary" loading={busy} disabled={!dirty} onClick={() => void save()}>{t('保存办理时限', 'Save time limits')}</Button>
            <Button disabled={!dirty} onClick={() => { setDirty(false); setRows(table.data?.items); }}>{t('放弃修改', 'Discard changes')}</Button>
          </Space>
        )
      }
    >
      <SettingsProblem error={error ?? table.error} fields={fields} />
      {!canEdit && <ReadOnlyNote what={['办理时限', 'the time limits']} />}
      <Typography.Paragraph type="secondary" data-testid="time-limit-defaults">{t(...DEFAULT_SOURCE)}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t(`未指定起算方式的工作日时限按${COUNTING_LABELS[defaultCounting].zh}计算（《民法典》第二百零一条）。已派出的工单保持派出时的时限。`, `Working-day limits that name no counting count ${COUNTING_LABELS[defaultCounting].en.toLowerCase()} (Civil Code art. 201). Orders already dispatched keep their limits.`)}
      </Typography.Paragraph>
      <Table<Row>
        rowKey={keyOf}
        size="small"
        data-testid="time-limits"
        loading={table.loading && !rows}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('诉求类型 · 紧急程度', 'Type · urgency'), key: 'pair', render: (_: unknown, r) => name(r) },
          {
            title: t('签收时限', 'Sign for within'),
            key: 'signFor',
            render: (_: unknown, r) => <RuleEditor id={`limit-${r.requestType}-${r.urgency}-sign`} label={`${name(r)} ${t('签收时限', 'sign-for')}`} rule={r.signFor} defaultCounting={defaultCounting} disabled={!canEdit} onChange={(rule) => edit(keyOf(r), 'signFor', rule)} />,
          },
          {
            title: t('办理时限', 'Handle within'),
            key: 'handling',
            render: (_: unknown, r) => <RuleEditor id={`limit-${r.requestType}-${r.urgency}-handle`} label={`${name(r)} ${t('办理时限', 'handling')}`} rule={r.handling} defaultCounting={defaultCounting} disabled={!canEdit} onChange={(rule) => edit(keyOf(r), 'handling', rule)} />,
          },
          {
            title: t('来源', 'Source'),
            key: 'source',
            render: (_: unknown, r) => {
              const d = nationalDefault(r.requestType, r.urgency);
              const isDefault = sameRule(d.signFor, r.signFor) && sameRule(d.handling, r.handling);
              return (
                <Space direction="vertical" size={0} data-testid={`limit-source-${r.requestType}-${r.urgency}`}>
                  <SourceTag own={r.source === 'tenant'} defaultLabel={['国家默认', 'National default']} />
                  {!isDefault && <Typography.Text type="secondary">{t('默认', 'Default')}: {ruleText(t, d.signFor)} / {ruleText(t, d.handling)}</Typography.Text>}
                </Space>
              );
            },
          },
          ...(canEdit
            ? [{ title: t('操作', 'Action'), key: 'revert', render: (_: unknown, r: Row) => (r.source === 'tenant' ? <Button size="small" aria-label={t(`恢复默认：${name(r)}`, `Use default: ${name(r)}`)} onClick={() => revert(keyOf(r))}>{t('恢复默认', 'Use default')}</Button> : null) }]
            : []),
        ]}
      />
    </Card>
  );
}
