// 网上诉求 (online queue, ADR 0034): citizens' online submissions wait here for an agent's scope
// decision within the tenant's response limit (3 minutes by default). Each row's countdown ticks
// every second between the polls (yellow in the warning, red once overdue); ↑/↓ walk the rows,
// Enter opens the decision form with the citizen's own type, area and category as the start,
// Ctrl+Enter decides, Esc goes back to the list. Supervisors also see the day's 按时响应率.
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Row, Select, Space, Table, Tag, Typography } from 'antd';
import {
  ONLINE_QUEUE_STATE_LABELS,
  ONLINE_QUEUE_STATES,
  REQUEST_TYPE_LABELS,
  SCOPE_DECISION_LABELS,
  SCOPE_DECISIONS,
  type OnlineQueueState,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/intake';
import { Problem } from '../api/problem';
import type { IntakePolicyView, OnlineQueueItemView, OnlineQueueStatsView, Page } from '../api/views';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { categoriesUnder, type CategoryOption, loadPathTo } from './categoryOptions';
import { Countdown, useNow } from './Countdown';
import { useRowCursor } from './rowCursor';
import { ClassificationFields, scopeBody, ScopeDecisionFields } from './ScopeDecisionFields';
import { formatTime, ProblemAlert, useUnits } from './shared';
import { SwitchField } from './SwitchField';

type DecisionBody = paths['/v1/online-queue/{id}/decision']['post']['requestBody']['content']['application/json'];
type Filter = OnlineQueueState | 'open';

const PAGE_SIZE = 20;
/**
 * The decisions taken here. 已终结事项告知 names the terminated request by its id, which the
 * termination's own record gives; an online submission repeating a terminated matter is rare
 * enough to be registered from the agent desk.
 */
const DECISIONS = SCOPE_DECISIONS.filter((d) => d !== 'terminated-matter');

const FIELDS: Record<string, [string, string]> = {
  requestType: ['诉求类型', 'Type'],
  urgency: ['紧急程度', 'Urgency'],
  categoryCode: ['诉求分类', 'Category'],
  areaCode: ['区域', 'Area'],
  'scope.decision': ['受理判定', 'Scope decision'],
  'scope.answer': ['直接答复', 'Direct answer'],
  'scope.reason': ['不受理理由', 'Reason'],
};

interface DecisionValues {
  requestType: DecisionBody['requestType'];
  urgency: DecisionBody['urgency'];
  category?: string[];
  areaCode?: string;
  decision: DecisionBody['scope']['decision'];
  answer?: string;
  reason?: string;
  confidential: boolean;
  enterpriseRelated: boolean;
}

interface Listed {
  page: Page<OnlineQueueItemView>;
  /** When the answer came: secondsLeft counts down from here. */
  at: number;
}

/** Seconds from the warning to the limit (the yellow span), null when the tenant has no warning. */
const warnWithin = (item: OnlineQueueItemView) => (item.warnAt ? (Date.parse(item.dueAt) - Date.parse(item.warnAt)) / 1000 : null);

function QueueClock({ item, at }: { item: OnlineQueueItemView; at: number }) {
  const t = useT();
  const now = useNow();
  if (item.secondsLeft === null)
    return (
      <span>
        <Tag>{item.decision ? t.label(SCOPE_DECISION_LABELS[item.decision], item.decision) : t.label(ONLINE_QUEUE_STATE_LABELS.decided)}</Tag>
        <br />
        <Typography.Text type="secondary">{formatTime(item.decidedAt, t.lang)}</Typography.Text>
      </span>
    );
  // Counted from the server's own secondsLeft, so a browser clock that is off does not matter.
  return <Countdown secondsLeft={item.secondsLeft - (now - at) / 1000} warnWithinSeconds={warnWithin(item)} testId={`online-clock-${item.number}`} />;
}

function requesterText(t: Translate, r: OnlineQueueItemView['requester']): string {
  if (r.anonymous) return t('匿名', 'Anonymous');
  if (r.confidential) return t('保密（不显示身份）', 'Confidential (identity hidden)');
  return `${r.name} ${r.phone}`;
}

function DecisionForm({ item, policy, onDecided, onStale, onClose }: {
  item: OnlineQueueItemView;
  policy: IntakePolicyView | undefined;
  onDecided: (number: string) => void;
  /** The list is behind (another agent decided it): ask again. */
  onStale: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<DecisionValues>();
  const [categories, setCategories] = useState<CategoryOption[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const units = useUnits();
  const areas = [...new Set([item.areaCode, ...(units.data?.items ?? []).flatMap((u) => u.areaCodes)])].sort();
  const decision = Form.useWatch('decision', form);

  useEffect(() => {
    let live = true;
    void categoriesUnder().then(async (roots) => {
      // The citizen's category as the start: the agent confirms it or picks another.
      const path = item.categoryCode ? await loadPathTo(roots, item.categoryCode) : undefined;
      if (!live) return;
      setCategories(roots);
      if (path && !form.isFieldTouched('category')) form.setFieldValue('category', path);
    });
    document.getElementById('online-type')?.focus();
    return () => {
      live = false;
    };
  }, [item.requestId, item.categoryCode, form]);

  // 保密 by the tenant's default for the type (ADR 0034) until the agent turns the switch.
  const confidentialDefault = (type: DecisionValues['requestType']) => !item.anonymous && (policy?.confidentialTypes.includes(type) ?? false);
  useEffect(() => {
    if (policy && !form.isFieldTouched('confidential')) form.setFieldValue('confidential', confidentialDefault(form.getFieldValue('requestType') as DecisionValues['requestType']));
    // Only when the policy arrives: later changes of the type are handled by onValuesChange.
  }, [policy]);

  const submit = async (v: DecisionValues) => {
    setBusy(true);
    setError(undefined);
    const body: DecisionBody = {
      requestType: v.requestType,
      urgency: v.urgency,
      categoryCode: v.category?.at(-1) ?? '',
      ...(v.areaCode ? { areaCode: v.areaCode } : {}),
      scope: scopeBody(v),
      ...(item.anonymous ? {} : { confidential: v.confidential }),
      enterpriseRelated: v.enterpriseRelated,
    };
    try {
      await unwrap(api.intake.POST('/v1/online-queue/{id}/decision', { params: { path: { id: item.requestId } }, body }));
      onDecided(item.number);
    } catch (err) {
      setError(err);
      if (err instanceof Problem && err.body.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    } else if (e.key === 'Escape' && !e.defaultPrevented) onClose();
  };

  return (
    <Card
      data-testid="online-decision"
      title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t(`受理判定 ${item.number}`, `Decide ${item.number}`)}</Typography.Title>}
      extra={<Typography.Text type="secondary">{t('Ctrl+Enter 提交 · Esc 返回列表', 'Ctrl+Enter decides · Esc back to the list')}</Typography.Text>}
    >
      <ProblemAlert error={error} fields={FIELDS} />
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('诉求人', 'Requester')}>{requesterText(t, item.requester)}</Descriptions.Item>
        <Descriptions.Item label={t('诉求内容', 'What was written')}>
          <span>{item.title ? <Typography.Text strong>{item.title}<br /></Typography.Text> : null}{item.content}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('市民所选分类', "Citizen's category")}>{item.categoryCode ?? t('未选择', 'None picked')}</Descriptions.Item>
      </Descriptions>
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        onKeyDown={onKeyDown}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<DecisionValues>) => {
          if (changed.requestType && !form.isFieldTouched('confidential')) form.setFieldValue('confidential', confidentialDefault(changed.requestType));
        }}
        initialValues={{ requestType: item.requestType, urgency: 'normal', areaCode: item.areaCode, decision: 'in-scope', confidential: confidentialDefault(item.requestType), enterpriseRelated: item.enterpriseRelated }}
        aria-label={t(`受理判定 ${item.number}`, `Decide ${item.number}`)}
      >
        <ClassificationFields idPrefix="online" categories={categories} setCategories={setCategories} areas={areas} span={12} gutter={12} />
        <ScopeDecisionFields idPrefix="online" decision={decision} decisions={DECISIONS} />
        <Row gutter={12}>
          <Col span={12}>
            {item.anonymous ? (
              <Typography.Paragraph type="secondary">{t('匿名提交：无身份可保密', 'Anonymous: no identity to keep confidential')}</Typography.Paragraph>
            ) : (
              <SwitchField name="confidential" id="online-confidential" label={t('保密（对承办单位隐藏身份）', 'Confidential (identity hidden from units)')} on={t('保密', 'Confidential')} off={t('不保密', 'Not confidential')} />
            )}
          </Col>
          <Col span={12}>
            <SwitchField name="enterpriseRelated" id="online-enterprise" label={t('涉企诉求', 'Concerns an enterprise')} on={t('涉企', 'Enterprise')} off={t('不涉企', 'Not enterprise')} />
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t('提交判定 (Ctrl+Enter)', 'Decide (Ctrl+Enter)')}</Button>
          <Button onClick={onClose}>{t('返回列表', 'Back to the list')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** Midnight of today in the browser's zone: the day the figures are of. */
function startOfToday(): string {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

const percent = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/** 按时响应率 of today's submissions: decided within the limit ÷ (decided + still open past it). */
function ResponseStats() {
  const t = useT();
  const stats = usePolled(() => unwrap<OnlineQueueStatsView>(api.intake.GET('/v1/online-queue/stats', { params: { query: { from: startOfToday() } } })), [], 15_000);
  const s = stats.data;
  return (
    <Card size="small" data-testid="online-stats" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('今日网上诉求按时响应率', "Today's on-time response rate")}</Typography.Title>}>
      <ProblemAlert error={stats.error} />
      {s && (
        <Descriptions size="small" column={4}>
          <Descriptions.Item label={t('按时响应率', 'On time')}>
            <span data-testid="online-in-time-rate">{percent(s.inTimeRate)}（{s.decidedInTime}/{s.inTimeDenominator}）</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('今日提交', 'Submitted')}>{s.submitted}</Descriptions.Item>
          <Descriptions.Item label={t('已受理判定', 'Decided')}>{s.decided}</Descriptions.Item>
          <Descriptions.Item label={t('超时（含未判定）', 'Overdue (open included)')}>{s.overdue}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

export function OnlineQueue({ session }: { session: Session }) {
  const t = useT();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<OnlineQueueItemView>();
  const list = usePolled<Listed>(
    async () => ({
      page: await unwrap<Page<OnlineQueueItemView>>(api.intake.GET('/v1/online-queue', { params: { query: { state: filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })),
      at: Date.now(),
    }),
    [filter, page],
  );
  const policy = usePolled(() => unwrap<IntakePolicyView>(api.intake.GET('/v1/intake-policy')), [], 60_000);
  const items = list.data?.page.items;
  const cursor = useRowCursor(items, (i) => i.requestId, (i) => (i.decidedAt ? undefined : setOpen(i)));
  const supervises = session.roles.includes('supervisor') || session.roles.includes('tenant-admin');
  const back = () => {
    setOpen(undefined);
    setTimeout(cursor.focus, 0);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {supervises && <ResponseStats />}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={open ? 13 : 24}>
          <Card
            title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('网上诉求 · 待受理判定', 'Online submissions · awaiting a decision')}</Typography.Title>}
            extra={
              <Space>
                <Typography.Text type="secondary">{t('↑/↓ 选择 · Enter 打开', '↑/↓ move · Enter opens')}</Typography.Text>
                <Select<Filter>
                  aria-label={t('按状态筛选', 'Filter by state')}
                  style={{ width: 150 }}
                  value={filter}
                  onChange={(v) => {
                    setFilter(v);
                    setPage(1);
                  }}
                  options={[
                    { value: 'open', label: t('全部未判定', 'All undecided') },
                    ...ONLINE_QUEUE_STATES.map((s) => ({ value: s as Filter, label: t.label(ONLINE_QUEUE_STATE_LABELS[s], s) })),
                  ]}
                />
              </Space>
            }
          >
            <ProblemAlert error={list.error ?? policy.error} />
            {policy.data && (
              <Typography.Paragraph type="secondary" data-testid="online-policy">
                {t(
                  `响应时限 ${policy.data.onlineResponseSeconds} 秒${policy.data.onlineWarningSeconds ? `，${policy.data.onlineWarningSeconds} 秒起提示即将超时` : ''}`,
                  `Respond within ${policy.data.onlineResponseSeconds} s${policy.data.onlineWarningSeconds ? `; warned from ${policy.data.onlineWarningSeconds} s` : ''}`,
                )}
              </Typography.Paragraph>
            )}
            <Table<OnlineQueueItemView>
              rowKey="requestId"
              size="small"
              data-testid="online-queue"
              loading={list.loading && !list.data}
              dataSource={items}
              onRow={cursor.onRow}
              locale={{ emptyText: <Typography.Text>{t('没有此状态的网上诉求', 'No online submissions in this state')}</Typography.Text> }}
              pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.page.total, onChange: setPage, showSizeChanger: false }}
              columns={[
                { title: t('编号', 'Number'), key: 'number', render: (_: unknown, i) => <span>{i.number}<br /><Typography.Text type="secondary">{i.channel}</Typography.Text></span> },
                { title: t('响应时限', 'Response clock'), key: 'clock', render: (_: unknown, i) => <QueueClock item={i} at={list.data?.at ?? Date.now()} /> },
                { title: t('诉求人', 'Requester'), key: 'requester', render: (_: unknown, i) => requesterText(t, i.requester) },
                {
                  title: t('诉求内容', 'What was written'),
                  key: 'content',
                  render: (_: unknown, i) => (
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, maxWidth: 360 }}>
                      {i.title ? <Typography.Text strong>{i.title} </Typography.Text> : null}
                      {i.content}
                    </Typography.Paragraph>
                  ),
                },
                {
                  title: t('分类提示', 'Category hint'),
                  key: 'hint',
                  render: (_: unknown, i) => (
                    <span>
                      {t.label(REQUEST_TYPE_LABELS[i.requestType], i.requestType)} · {i.categoryCode ?? '—'}
                      {i.enterpriseRelated ? <><br /><Tag>{t('涉企', 'Enterprise')}</Tag></> : null}
                    </span>
                  ),
                },
                { title: t('区域', 'Area'), dataIndex: 'areaCode' },
                { title: t('提交时间', 'Submitted'), key: 'received', render: (_: unknown, i) => formatTime(i.receivedAt, t.lang) },
              ]}
            />
          </Card>
        </Col>
        {open && (
          <Col xs={24} xl={11}>
            <DecisionForm
              key={open.requestId}
              item={open}
              policy={policy.data}
              onClose={back}
              onStale={list.reload}
              onDecided={(number) => {
                void message.success(t(`已受理判定 ${number}`, `${number} decided`));
                list.reload();
                back();
              }}
            />
          </Col>
        )}
      </Row>
    </Space>
  );
}
