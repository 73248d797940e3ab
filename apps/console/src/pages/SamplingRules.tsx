// 回访规则 (tenant admin, supervisor): the hotline's revisit sampling rules by request type and
// channel kind — the share drawn, the window, the attempts, the methods, what an anonymous request
// gets and the evaluation recorded when the window ends unanswered — edited in one form (Tab
// through it, Enter saves), and which rule a request of a given type and channel kind gets.
//
// revisit applies the most specific rule whole (libs/revisit-domain ruleFor): type × kind, then the
// type's rule for every channel, then the kind's rule for every type, then '*' × '*', else the
// platform default. The console cannot import the domain lib, so the order is repeated here.
// GET /v1/sampling-policies has no paging: a tenant has at most 8 × 8 rules.
// A rule is removed after a confirmation (DELETE …/{type} for every channel, …/{type}/channels/{kind}
// otherwise, 204): the next more general rule then applies.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, InputNumber, List, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import {
  ANONYMOUS_REVISIT_LABELS,
  ANONYMOUS_REVISITS,
  CHANNEL_KIND_LABELS,
  CHANNEL_KINDS,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  RESOLUTION_LABELS,
  RESOLUTIONS,
  REVISIT_METHOD_LABELS,
  REVISIT_METHODS,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  type AnonymousRevisit,
  type ChannelKind,
  type RequestType,
  type Resolution,
  type RevisitMethod,
  type Satisfaction,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/revisit';
import type { SamplingPolicyView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

type RuleBody = paths['/v1/sampling-policies/{requestType}/channels/{channelKind}']['put']['requestBody']['content']['application/json'];
type TypeKey = RequestType | '*';
type KindKey = ChannelKind | '*';
/** A request's channel kind as the finder asks it; 'unknown': a channel code revisit has no kind for. */
type FinderKind = ChannelKind | 'unknown';

const ANY = '*';
/** Ant Design's success tag falls short of 4.5:1 contrast; this green on its background meets it. */
const APPLIES_TAG = { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' };
/** The platform's rule when the tenant has none that fits (DEFAULT_REVISIT_RULE in libs/revisit-domain). */
const PLATFORM_DEFAULT = { samplePercent: 100, windowHours: 72, maxAttempts: 3, methods: [...REVISIT_METHODS], anonymous: 'skip' as AnonymousRevisit };

const FIELDS: Record<string, [string, string]> = {
  requestType: ['诉求类型', 'Request type'],
  channelKind: ['渠道类型', 'Channel kind'],
  samplePercent: ['抽样比例', 'Share revisited'],
  windowHours: ['回访时限', 'Revisit window'],
  maxAttempts: ['最多回访次数', 'Attempts'],
  methods: ['回访方式', 'Methods'],
  anonymous: ['匿名诉求', 'Anonymous requests'],
  defaultEvaluation: ['期满默认评价', 'Default evaluation'],
  'defaultEvaluation.satisfaction': ['期满默认评价', 'Default evaluation'],
  'defaultEvaluation.resolution': ['期满默认解决情况', 'Default resolution'],
};

interface RuleValues {
  requestType: TypeKey;
  channelKind: KindKey;
  samplePercent: number;
  windowHours: number;
  maxAttempts: number;
  methods: RevisitMethod[];
  anonymous: AnonymousRevisit;
  defaultSatisfaction?: Satisfaction;
  defaultResolution?: Resolution;
}

const typeLabel = (t: Translate, k: TypeKey) => (k === ANY ? t('全部类型', 'Every type') : t.label(REQUEST_TYPE_LABELS[k], k));
const kindLabel = (t: Translate, k: KindKey) => (k === ANY ? t('全部渠道', 'Every channel') : t.label(CHANNEL_KIND_LABELS[k], k));
const ruleName = (t: Translate, type: TypeKey, kind: KindKey) => `${typeLabel(t, type)} × ${kindLabel(t, kind)}`;

const methodsText = (t: Translate, methods: readonly RevisitMethod[]) => methods.map((m) => t.label(REVISIT_METHOD_LABELS[m], m)).join('、');
const describe = (t: Translate, r: { samplePercent: number; windowHours: number; maxAttempts: number; methods: readonly RevisitMethod[]; anonymous: AnonymousRevisit }) =>
  t(
    `抽样 ${r.samplePercent}%，${r.windowHours} 小时内最多 ${r.maxAttempts} 次，${methodsText(t, r.methods)}，${t.label(ANONYMOUS_REVISIT_LABELS[r.anonymous], r.anonymous)}`,
    `${r.samplePercent}% drawn, ${r.maxAttempts} attempt(s) within ${r.windowHours} h, ${methodsText(t, r.methods)}; anonymous: ${t.label(ANONYMOUS_REVISIT_LABELS[r.anonymous], r.anonymous)}`,
  );

/** The rules a request of `type` by a channel of `kind` could get, most specific first. */
export function candidateKeys(type: RequestType, kind: FinderKind): Array<[TypeKey, KindKey]> {
  // A channel of no known kind: only the rules for every channel apply (revisit channelKindOf).
  if (kind === 'unknown') return [[type, ANY], [ANY, ANY]];
  return [[type, kind], [type, ANY], [ANY, kind], [ANY, ANY]];
}

const DEFAULT_VALUES: RuleValues = { requestType: ANY, channelKind: ANY, ...PLATFORM_DEFAULT };

function RuleFinder({ policies, type, kind, onChange }: { policies: SamplingPolicyView[]; type: RequestType; kind: FinderKind; onChange: (type: RequestType, kind: FinderKind) => void }) {
  const t = useT();
  const keys = candidateKeys(type, kind);
  const found = keys.map(([rt, ck]) => policies.find((p) => p.requestType === rt && p.channelKind === ck));
  const applies = found.findIndex(Boolean);
  return (
    <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('哪条规则适用', 'Which rule applies')}</Typography.Title>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="finder-type">{t('诉求类型', 'Request type')}</label>
        <Select<RequestType> id="finder-type" showSearch optionFilterProp="label" style={{ width: 160 }} value={type} onChange={(v) => onChange(v, kind)} options={REQUEST_TYPES.map((r) => ({ value: r, label: typeLabel(t, r) }))} />
        <label htmlFor="finder-kind">{t('受理渠道类型', 'Channel kind')}</label>
        <Select<FinderKind>
          id="finder-kind"
          showSearch
          optionFilterProp="label"
          style={{ width: 180 }}
          value={kind}
          onChange={(v) => onChange(type, v)}
          options={[...CHANNEL_KINDS.map((k) => ({ value: k as FinderKind, label: kindLabel(t, k) })), { value: 'unknown', label: t('未登记类型的渠道', 'A channel of no known kind') }]}
        />
      </Space>
      <List
        size="small"
        data-testid="rule-finder"
        dataSource={[...keys.map((key, i) => ({ key, policy: found[i] })), { key: undefined, policy: undefined }]}
        renderItem={({ key, policy }, i) => {
          const isDefault = key === undefined;
          const chosen = isDefault ? applies === -1 : i === applies;
          const name = key ? ruleName(t, key[0], key[1]) : t('平台默认规则', 'Platform default');
          const detail = isDefault ? describe(t, PLATFORM_DEFAULT) : policy ? describe(t, policy) : t('未设置', 'Not set');
          return (
            <List.Item data-testid={chosen ? 'rule-applies' : undefined}>
              <Space wrap>
                <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                <Typography.Text strong={chosen}>{name}</Typography.Text>
                {chosen ? <Tag style={APPLIES_TAG}>{t('适用', 'Applies')}</Tag> : policy || isDefault ? <Tag>{t('被更具体的规则取代', 'Overridden by a more specific rule')}</Tag> : null}
                <Typography.Text type={policy || isDefault ? undefined : 'secondary'}>{detail}</Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('最具体的规则整条适用，不与其他规则合并。', 'The most specific rule applies whole; rules are not merged.')}
      </Typography.Paragraph>
    </Card>
  );
}

export function SamplingRules() {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [finder, setFinder] = useState<{ type: RequestType; kind: FinderKind }>({ type: 'complaint', kind: 'phone' });
  const list = usePolled(() => unwrap<{ items: SamplingPolicyView[] }>(api.revisit.GET('/v1/sampling-policies')), []);
  const policies = list.data?.items ?? [];

  const edit = (p: SamplingPolicyView) => {
    form.setFieldsValue({
      requestType: p.requestType,
      channelKind: p.channelKind,
      samplePercent: p.samplePercent,
      windowHours: p.windowHours,
      maxAttempts: p.maxAttempts,
      methods: p.methods,
      anonymous: p.anonymous,
      defaultSatisfaction: p.defaultSatisfaction || undefined,
      defaultResolution: p.defaultResolution || undefined,
    });
    document.getElementById('rule-percent')?.focus();
  };

  const save = async (v: RuleValues) => {
    setBusy(true);
    setError(undefined);
    const body: RuleBody = {
      samplePercent: v.samplePercent,
      windowHours: v.windowHours,
      maxAttempts: v.maxAttempts,
      methods: v.methods,
      anonymous: v.anonymous,
      defaultEvaluation: v.defaultSatisfaction && v.defaultResolution ? { satisfaction: v.defaultSatisfaction, resolution: v.defaultResolution } : null,
    };
    try {
      await unwrap(api.revisit.PUT('/v1/sampling-policies/{requestType}/channels/{channelKind}', { params: { path: { requestType: v.requestType, channelKind: v.channelKind } }, body }));
      void message.success(t(`已保存规则：${ruleName(t, v.requestType, v.channelKind)}`, `Rule saved: ${ruleName(t, v.requestType, v.channelKind)}`));
      // Show the saved rule's own case in the finder, so its effect is seen at once.
      if (v.requestType !== ANY) setFinder({ type: v.requestType, kind: v.channelKind === ANY ? finder.kind : v.channelKind });
      else if (v.channelKind !== ANY) setFinder({ type: finder.type, kind: v.channelKind });
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = (p: SamplingPolicyView) =>
    modal.confirm({
      title: t(`删除规则 ${ruleName(t, p.requestType, p.channelKind)}？`, `Remove the rule ${ruleName(t, p.requestType, p.channelKind)}?`),
      content: t('删除后，这类诉求按下一条更一般的规则回访（没有时按平台默认规则）。', 'Requests it covered then get the next more general rule (or the platform default).'),
      okText: t('删除', 'Remove'),
      okButtonProps: { danger: true },
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        setError(undefined);
        try {
          await unwrap(
            p.channelKind === ANY
              ? api.revisit.DELETE('/v1/sampling-policies/{requestType}', { params: { path: { requestType: p.requestType } } })
              : api.revisit.DELETE('/v1/sampling-policies/{requestType}/channels/{channelKind}', { params: { path: { requestType: p.requestType, channelKind: p.channelKind } } }),
          );
          void message.success(t(`已删除规则：${ruleName(t, p.requestType, p.channelKind)}`, `Rule removed: ${ruleName(t, p.requestType, p.channelKind)}`));
          list.reload();
        } catch (err) {
          setError(err);
        }
      },
    });

  const pairRule = (other: 'defaultSatisfaction' | 'defaultResolution') => ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_: unknown, value: unknown) =>
      !value === !getFieldValue(other) ? Promise.resolve() : Promise.reject(new Error(t('满意度和解决情况须同时填写或同时留空', 'Give both the satisfaction and the resolution, or neither'))),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('回访规则', 'Revisit sampling rules')}</Typography.Title>}>
        <ProblemAlert error={error ?? list.error} fields={FIELDS} />
        <Table<SamplingPolicyView>
          rowKey={(p) => `${p.requestType}/${p.channelKind}`}
          size="small"
          data-testid="sampling-rules"
          loading={list.loading && !list.data}
          dataSource={policies}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Typography.Text>{t('尚未设置规则：全部诉求按平台默认规则回访', 'No rules yet: every request gets the platform default')}</Typography.Text> }}
          columns={[
            { title: t('诉求类型', 'Request type'), key: 'type', render: (_: unknown, p) => typeLabel(t, p.requestType) },
            { title: t('渠道类型', 'Channel kind'), key: 'kind', render: (_: unknown, p) => kindLabel(t, p.channelKind) },
            { title: t('抽样比例', 'Share'), key: 'percent', render: (_: unknown, p) => `${p.samplePercent}%` },
            { title: t('回访时限', 'Window'), key: 'window', render: (_: unknown, p) => t(`${p.windowHours} 小时`, `${p.windowHours} h`) },
            { title: t('最多次数', 'Attempts'), dataIndex: 'maxAttempts' },
            { title: t('回访方式', 'Methods'), key: 'methods', render: (_: unknown, p) => methodsText(t, p.methods) },
            { title: t('匿名诉求', 'Anonymous'), key: 'anonymous', render: (_: unknown, p) => t.label(ANONYMOUS_REVISIT_LABELS[p.anonymous], p.anonymous) },
            {
              title: t('期满默认评价', 'Default evaluation'),
              key: 'default',
              render: (_: unknown, p) =>
                p.defaultSatisfaction && p.defaultResolution
                  ? `${t.label(SATISFACTION_LABELS[p.defaultSatisfaction], p.defaultSatisfaction)} · ${t.label(RESOLUTION_LABELS[p.defaultResolution], p.defaultResolution)}`
                  : t('无', 'None'),
            },
            { title: t('更新时间', 'Updated'), key: 'updated', render: (_: unknown, p) => formatTime(p.updatedAt, t.lang) },
            {
              title: t('操作', 'Action'),
              key: 'edit',
              render: (_: unknown, p) => (
                <Space size={4}>
                  <Button size="small" aria-label={t(`编辑规则 ${ruleName(t, p.requestType, p.channelKind)}`, `Edit rule ${ruleName(t, p.requestType, p.channelKind)}`)} onClick={() => edit(p)}>
                    {t('编辑', 'Edit')}
                  </Button>
                  <Button size="small" danger aria-label={t(`删除规则 ${ruleName(t, p.requestType, p.channelKind)}`, `Remove rule ${ruleName(t, p.requestType, p.channelKind)}`)} onClick={() => remove(p)}>
                    {t('删除', 'Remove')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={11}>
          <Card
            title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('设置规则', 'Set a rule')}</Typography.Title>}
          >
            <Form<RuleValues> form={form} layout="vertical" initialValues={DEFAULT_VALUES} onFinish={(v) => void save(v)} aria-label={t('设置回访规则', 'Set a revisit rule')}>
              <Space wrap>
                <Form.Item name="requestType" label={t('诉求类型', 'Request type')} htmlFor="rule-type">
                  <Select<TypeKey> id="rule-type" showSearch optionFilterProp="label" style={{ width: 180 }} options={[ANY, ...REQUEST_TYPES].map((k) => ({ value: k as TypeKey, label: typeLabel(t, k as TypeKey) }))} />
                </Form.Item>
                <Form.Item name="channelKind" label={t('渠道类型', 'Channel kind')} htmlFor="rule-kind">
                  <Select<KindKey> id="rule-kind" showSearch optionFilterProp="label" style={{ width: 180 }} options={[ANY, ...CHANNEL_KINDS].map((k) => ({ value: k as KindKey, label: kindLabel(t, k as KindKey) }))} />
                </Form.Item>
              </Space>
              <Space wrap>
                <Form.Item name="samplePercent" label={t('抽样比例（%）', 'Share revisited (%)')} htmlFor="rule-percent" rules={[{ required: true, message: t('请填写抽样比例', 'Enter the share') }]}>
                  <InputNumber id="rule-percent" min={0} max={100} precision={0} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="windowHours" label={t('回访时限（小时）', 'Window (hours)')} htmlFor="rule-window" rules={[{ required: true, message: t('请填写回访时限', 'Enter the window') }]}>
                  <InputNumber id="rule-window" min={1} max={720} precision={0} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="maxAttempts" label={t('最多回访次数', 'Attempts at most')} htmlFor="rule-attempts" rules={[{ required: true, message: t('请填写回访次数', 'Enter the attempts') }]}>
                  <InputNumber id="rule-attempts" min={1} max={10} precision={0} style={{ width: 120 }} />
                </Form.Item>
              </Space>
              {/* A validator, not `required`: Form.Item would put aria-required on the group's plain div. */}
              <Form.Item
                name="methods"
                label={t('回访方式', 'Revisit methods')}
                rules={[{ validator: (_, v: RevisitMethod[] | undefined) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('至少选择一种回访方式', 'Choose at least one method')))) }]}
              >
                <Checkbox.Group options={REVISIT_METHODS.map((m) => ({ value: m, label: t.label(REVISIT_METHOD_LABELS[m], m) }))} />
              </Form.Item>
              <Form.Item name="anonymous" label={t('匿名诉求（无法联系诉求人）', 'Anonymous requests (nobody to contact)')}>
                <Radio.Group options={ANONYMOUS_REVISITS.map((a) => ({ value: a, label: t.label(ANONYMOUS_REVISIT_LABELS[a], a) }))} />
              </Form.Item>
              <Typography.Paragraph type="secondary">{t('回访时限届满仍未评价时，可按本热线规定记录默认评价（留空则不记录）。', 'When the window ends unanswered the hotline may record a default evaluation (leave empty for none).')}</Typography.Paragraph>
              <Space wrap>
                <Form.Item name="defaultSatisfaction" label={t('期满默认满意度', 'Default satisfaction')} htmlFor="rule-default-satisfaction" dependencies={['defaultResolution']} rules={[pairRule('defaultResolution')]}>
                  <Select<Satisfaction> id="rule-default-satisfaction" showSearch optionFilterProp="label" allowClear style={{ width: 180 }} placeholder={t('不记录', 'None')} options={SATISFACTION_LEVELS.map((s) => ({ value: s, label: t.label(SATISFACTION_LABELS[s], s) }))} />
                </Form.Item>
                <Form.Item name="defaultResolution" label={t('期满默认解决情况', 'Default resolution')} htmlFor="rule-default-resolution" dependencies={['defaultSatisfaction']} rules={[pairRule('defaultSatisfaction')]}>
                  <Select<Resolution> id="rule-default-resolution" showSearch optionFilterProp="label" allowClear style={{ width: 180 }} placeholder={t('不记录', 'None')} options={RESOLUTIONS.map((r) => ({ value: r, label: t.label(RESOLUTION_LABELS[r], r) }))} />
                </Form.Item>
              </Space>
              <Form.Item style={{ marginBottom: 0 }}>
                <Space>
                  <Button type="primary" htmlType="submit" loading={busy}>{t('保存规则', 'Save rule')}</Button>
                  <Button onClick={() => form.resetFields()}>{t('重置', 'Reset')}</Button>
                </Space>
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <RuleFinder policies={policies} type={finder.type} kind={finder.kind} onChange={(type, kind) => setFinder({ type, kind })} />
        </Col>
      </Row>
    </Space>
  );
}
