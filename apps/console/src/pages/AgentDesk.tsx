// 话务台: a phone contact registered from the keyboard alone. The phone number has the focus,
// Tab walks the fields in the order of the call, Ctrl+Enter registers, Esc clears. Beside the
// form the platform's hints (DeskHints: category, catalog units, knowledge, repeats), taken by
// Alt+1/2/3, Alt+K, Alt+D or a click. Below it the tenant's newest requests (online submissions
// among them) with how long each has waited.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, type InputRef, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { REQUEST_STATUSES, REQUEST_STATUS_LABELS, isClosedStatus, type RequestStatus, type RequestType } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/intake';
import type { IntakePolicyView, KnowledgeArticleView, KnowledgeHitView, Page, RegisteredRequestView, RequestView, TerminatedMatchView } from '../api/views';
import { useT } from '../i18n';
import { categoriesUnder, type CategoryOption, loadPath, optionLabels } from './categoryOptions';
import { type DeskDraft, MIN_CONTENT_CHARS, useCatalogHint, useClassificationHint, useDuplicateHint, useKnowledgeHint } from './desk-hints';
import { type DuplicateCandidate, DeskHints } from './DeskHints';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { ClassificationFields, MAX_ANSWER_CHARS, scopeBody, ScopeDecisionFields } from './ScopeDecisionFields';
import { formatTime, ProblemAlert, StatusTag, useUnits } from './shared';
import { ProposeTermination } from './Terminations';

type NewRequest = paths['/v1/requests']['post']['requestBody']['content']['application/json'];

interface FormValues {
  phone?: string;
  name?: string;
  anonymous?: boolean;
  confidential?: boolean;
  requestType: NewRequest['requestType'];
  urgency: NewRequest['urgency'];
  category?: string[];
  areaCode?: string;
  title?: string;
  content?: string;
  decision: NonNullable<NewRequest['scope']>['decision'];
  answer?: string;
  reason?: string;
  enterpriseRelated?: boolean;
  /** Taken from the hints (hidden fields, so Esc and registration clear them with the rest). */
  duplicateOf?: { id: string; number: string };
  answerArticles?: Array<{ articleId: string; title: string }>;
  terminated?: { id: string; number: string; legalRoute: string };
}

const FIELD_LABELS: Record<string, [string, string]> = {
  'requester.phone': ['来电号码', 'Phone'],
  'requester.name': ['姓名', 'Name'],
  content: ['诉求内容', 'Content'],
  areaCode: ['区域', 'Area'],
  categoryCode: ['诉求分类', 'Category'],
  'scope.answer': ['直接答复', 'Direct answer'],
  'scope.reason': ['不受理理由', 'Reason'],
  'scope.terminatedRequestId': ['已终结的诉求', 'Terminated request'],
  duplicateOf: ['并单', 'Merge into'],
  answerArticles: ['知识库条目', 'Knowledge articles'],
};

export function AgentDesk({ session }: { session: Session }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const phoneRef = useRef<InputRef>(null);
  const knowledgeListRef = useRef<HTMLUListElement>(null);
  const duplicateListRef = useRef<HTMLUListElement>(null);
  const [categories, setCategories] = useState<CategoryOption[]>([]);
  const [registered, setRegistered] = useState<string>();
  const [terminatedAfter, setTerminatedAfter] = useState<TerminatedMatchView[]>([]);
  const [submitError, setSubmitError] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [policy, setPolicy] = useState<IntakePolicyView>();
  /** An article was just taken: the answer field (shown once the decision is direct-answer) gets the focus, for the agent to edit. */
  const [answerFocus, setAnswerFocus] = useState(false);
  const [statusFilter, setStatusFilter] = useState<RequestStatus>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string>();
  const units = useUnits();
  const areas = [...new Set((units.data?.items ?? []).flatMap((u) => u.areaCodes))].sort();
  const decision = Form.useWatch('decision', form);
  const anonymous = Form.useWatch('anonymous', form);
  const requestType = Form.useWatch('requestType', form);
  const draft: DeskDraft = {
    phone: Form.useWatch('phone', form),
    title: Form.useWatch('title', form),
    content: Form.useWatch('content', form),
    areaCode: Form.useWatch('areaCode', form),
    categoryPath: Form.useWatch('category', form),
    requestType,
  };
  const duplicateOf = Form.useWatch('duplicateOf', form);
  const answerArticles = Form.useWatch('answerArticles', form);
  const terminated = Form.useWatch('terminated', form);

  const classification = useClassificationHint(draft);
  const knowledge = useKnowledgeHint(draft);
  const duplicates = useDuplicateHint(draft);
  // The catalog is asked about the agent's category, or the top suggestion until there is one.
  const top = classification.data?.categories[0];
  const catalogPath = draft.categoryPath?.length ? draft.categoryPath : top?.path.map((n) => n.code);
  const catalog = useCatalogHint(catalogPath, draft.areaCode, requestType);
  const contentReady = Array.from(draft.content?.trim() ?? '').length >= MIN_CONTENT_CHARS;

  useEffect(() => {
    void categoriesUnder().then(setCategories);
    // Without the policy the desk still registers: the service applies the default when 保密 is unsaid, but the desk always says it.
    void unwrap<IntakePolicyView>(api.intake.GET('/v1/intake-policy')).then(setPolicy, () => setNotice(t('未能读取本热线的保密默认设置', "The hotline's 保密 defaults could not be read")));
    phoneRef.current?.focus();
  }, []);

  // The tenant's 保密 default follows the type (举报 by default); the agent may untick it after.
  const confidentialFor = (type: RequestType | undefined) => (type ? (policy?.confidentialTypes.includes(type) ?? false) : false);
  useEffect(() => {
    if (policy && requestType) form.setFieldValue('confidential', confidentialFor(requestType));
  }, [requestType, policy]);

  useEffect(() => {
    if (!answerFocus || decision !== 'direct-answer') return;
    document.getElementById('desk-answer')?.focus();
    setAnswerFocus(false);
  }, [answerFocus, decision]);

  const list = usePolled(
    () => unwrap<Page<RequestView>>(api.intake.GET('/v1/requests', { params: { query: { limit: 10, offset: (page - 1) * 10, ...(statusFilter ? { status: statusFilter } : {}) } } })),
    [page, statusFilter],
  );

  const clearDesk = () => {
    form.resetFields();
    phoneRef.current?.focus();
  };

  /** Alt+1/2/3: the category (its cascader path), and the type and urgency when their rules found a cue. */
  const applySuggestion = async (index: number) => {
    const s = classification.data;
    const c = s?.categories[index];
    if (!s || !c) return;
    const codes = c.path.map((n) => n.code);
    try {
      await loadPath(categories, codes);
      setCategories((o) => [...o]);
    } catch {
      // The names load later with the cascader; the codes are what registration needs.
    }
    form.setFieldsValue({
      category: codes,
      ...(s.requestType.cues.length ? { requestType: s.requestType.code } : {}),
      ...(s.urgency.cues.length ? { urgency: s.urgency.code } : {}),
    });
  };

  /** A knowledge article answers the contact: its text becomes the direct answer (the agent may edit it), linked to it. */
  const pickArticle = async (hit: KnowledgeHitView) => {
    let text = hit.excerpt;
    try {
      const article = await unwrap<KnowledgeArticleView>(api.intake.GET('/v1/knowledge/articles/{id}', { params: { path: { id: hit.articleId } } }));
      text = article.versions.find((v) => v.version === article.publishedVersion)?.content ?? text;
    } catch {
      setNotice(t('未能读取条目全文，已填入摘要', 'The article could not be read in full: its excerpt was filled in'));
    }
    form.setFieldsValue({
      decision: 'direct-answer',
      answer: Array.from(text).slice(0, MAX_ANSWER_CHARS).join(''),
      answerArticles: [{ articleId: hit.articleId, title: hit.title }],
      duplicateOf: undefined,
      terminated: undefined,
    });
    setAnswerFocus(true);
  };

  const merge = (c: DuplicateCandidate) =>
    form.setFieldsValue({ decision: 'in-scope', duplicateOf: { id: c.requestId, number: c.number }, answerArticles: undefined, terminated: undefined });

  const answerTerminated = (m: TerminatedMatchView) =>
    form.setFieldsValue({ decision: 'terminated-matter', terminated: { id: m.requestId, number: m.number, legalRoute: m.termination.legalRoute }, duplicateOf: undefined, answerArticles: undefined });

  const submit = async (v: FormValues) => {
    setSubmitting(true);
    setSubmitError(undefined);
    setNotice(undefined);
    const suggestionId = classification.data?.suggestionId;
    // Each link goes only with the decision that takes it; the service refuses the others.
    const body: NewRequest = {
      channel: 'phone',
      requester: v.anonymous ? { anonymous: true } : { name: v.name, phone: v.phone, confidential: v.confidential ?? false },
      ...(v.title ? { title: v.title } : {}),
      content: v.content ?? '',
      areaCode: v.areaCode ?? '',
      requestType: v.requestType,
      urgency: v.urgency,
      categoryCode: v.category?.at(-1) ?? '',
      enterpriseRelated: v.enterpriseRelated ?? false,
      ...(v.decision === 'in-scope' && v.duplicateOf ? { duplicateOf: v.duplicateOf.id } : {}),
      ...(v.decision === 'direct-answer' && v.answerArticles?.length ? { answerArticles: v.answerArticles.map((a) => a.articleId) } : {}),
      scope: scopeBody(v, v.terminated?.id),
      // The suggestion shown gets the agent's choice as its outcome, in the registration itself.
      ...(suggestionId ? { classificationSuggestionId: suggestionId } : {}),
    };
    try {
      const created = await unwrap<RegisteredRequestView>(api.intake.POST('/v1/requests', { body }));
      setRegistered(created.number);
      setTerminatedAfter(v.decision === 'terminated-matter' ? [] : (created.terminatedMatches ?? []));
      void message.success(t(`已登记 ${created.number}`, `Registered ${created.number}`));
      clearDesk();
      list.reload();
    } catch (err) {
      setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const focusFirst = (list: HTMLUListElement | null) => list?.querySelector<HTMLButtonElement>('button[data-hint-item]:not([disabled])')?.focus();

  // On the form and the hints alike. Alt with a key's code, not its character (which Alt changes on some layouts).
  const onKeyDown = (e: React.KeyboardEvent) => {
    const digit = /^Digit([1-3])$/.exec(e.code);
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    } else if (e.key === 'Escape') {
      clearDesk();
    } else if (e.altKey && digit) {
      e.preventDefault();
      void applySuggestion(Number(digit[1]) - 1);
    } else if (e.altKey && e.code === 'KeyK') {
      e.preventDefault();
      focusFirst(knowledgeListRef.current);
    } else if (e.altKey && e.code === 'KeyD') {
      e.preventDefault();
      focusFirst(duplicateListRef.current);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div onKeyDown={onKeyDown}>
        <Row gutter={16} wrap={false}>
          <Col flex="auto" style={{ minWidth: 0 }}>
            <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('话务台 · 电话来电登记', 'Agent desk · phone contact')}</Typography.Title>} extra={<Typography.Text type="secondary">{t('Ctrl+Enter 登记 · Esc 清空', 'Ctrl+Enter registers · Esc clears')}</Typography.Text>}>
              {submitError ? <ProblemAlert error={submitError} fields={FIELD_LABELS} /> : null}
              {registered && <Typography.Paragraph><Typography.Text type="success" data-testid="registered-number">{t('最近登记', 'Last registered')}: {registered}</Typography.Text></Typography.Paragraph>}
              {terminatedAfter.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="terminated-after"
                  title={t(`${registered} 可能重复已终结的诉求：${terminatedAfter.map((m) => m.number).join('、')}`, `${registered} may repeat terminated requests: ${terminatedAfter.map((m) => m.number).join(', ')}`)}
                  description={terminatedAfter.map((m) => `${m.number}：${m.termination.legalRoute}`).join('；')}
                />
              )}
              {notice && <Typography.Paragraph type="secondary" role="status" style={{ fontSize: 12 }}>{notice}</Typography.Paragraph>}
              <Form<FormValues>
                form={form}
                layout="vertical"
                onFinish={(v) => void submit(v)}
                initialValues={{ requestType: 'complaint', urgency: 'normal', decision: 'in-scope', anonymous: false, confidential: confidentialFor('complaint'), enterpriseRelated: false }}
                aria-label={t('来电登记', 'Phone contact')}
              >
                <Form.Item name="duplicateOf" hidden />
                <Form.Item name="answerArticles" hidden />
                <Form.Item name="terminated" hidden />
                <Row gutter={16}>
                  <Col span={6}>
                    <Form.Item name="phone" label={t('来电号码', 'Phone')} rules={[{ required: !anonymous, pattern: /^[0-9+-]{5,20}$/, message: t('请输入 5–20 位号码', 'Enter 5–20 digits') }]} htmlFor="desk-phone">
                      <Input ref={phoneRef} id="desk-phone" inputMode="tel" autoComplete="off" disabled={anonymous} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name="name" label={t('诉求人姓名', 'Requester name')} rules={[{ required: !anonymous, message: t('请输入姓名', 'Enter the name') }]} htmlFor="desk-name">
                      <Input id="desk-name" autoComplete="off" disabled={anonymous} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name="anonymous" valuePropName="checked" label={t('匿名', 'Anonymous')} htmlFor="desk-anonymous">
                      <Checkbox id="desk-anonymous">{t('诉求人不留身份', 'Declines to identify')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name="confidential" valuePropName="checked" label={t('保密', 'Confidential')} htmlFor="desk-confidential">
                      <Checkbox id="desk-confidential" disabled={anonymous}>{t('对承办单位保密', 'Hidden from units')}</Checkbox>
                    </Form.Item>
                  </Col>
                </Row>
                <ClassificationFields idPrefix="desk" categories={categories} setCategories={setCategories} areas={areas} span={6} />
                <Row gutter={16}>
                  <Col span={18}>
                    <Form.Item name="title" label={t('标题', 'Title')} htmlFor="desk-title">
                      <Input id="desk-title" maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name="enterpriseRelated" valuePropName="checked" label={t('涉企', 'Enterprise')} htmlFor="desk-enterprise">
                      <Checkbox id="desk-enterprise">{t('涉及企业（营商环境）', 'Concerns an enterprise')}</Checkbox>
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="content" label={t('诉求内容', 'Content')} rules={[{ required: true, message: t('请记录诉求内容', 'Record what was asked') }]} htmlFor="desk-content">
                  <Input.TextArea id="desk-content" rows={3} maxLength={4000} />
                </Form.Item>
                <ScopeDecisionFields idPrefix="desk" decision={decision} rows={2} inline>
                  {decision === 'in-scope' && duplicateOf && (
                    <Form.Item label={t('并单', 'Merge into')}>
                      <Tag closable color="blue" data-testid="desk-merge" onClose={() => form.setFieldValue('duplicateOf', undefined)}>
                        {t(`并入 ${duplicateOf.number}（不再派单）`, `Into ${duplicateOf.number} (not dispatched)`)}
                      </Tag>
                    </Form.Item>
                  )}
                  {decision === 'direct-answer' && answerArticles?.length ? (
                    <Typography.Paragraph data-testid="desk-answer-articles" style={{ marginBottom: 4 }}>
                      {t('答复依据', 'Answered from')}：
                      {answerArticles.map((a) => (
                        <Tag key={a.articleId} closable color="blue" onClose={() => form.setFieldValue('answerArticles', undefined)}>{a.title}</Tag>
                      ))}
                    </Typography.Paragraph>
                  ) : null}
                  {decision === 'terminated-matter' && (
                    <Form.Item label={t('已终结的诉求', 'Terminated request')}>
                      {terminated ? (
                        <Typography.Text data-testid="desk-terminated">{terminated.number} · {t('告知途径', 'Legal route')}：{terminated.legalRoute}</Typography.Text>
                      ) : (
                        <Typography.Text type="secondary">{t('在“来电提示”的重复诉求中选择已终结的诉求', 'Choose the terminated request among the hints')}</Typography.Text>
                      )}
                    </Form.Item>
                  )}
                </ScopeDecisionFields>
                <Button type="primary" htmlType="submit" loading={submitting}>
                  {t('登记 (Ctrl+Enter)', 'Register (Ctrl+Enter)')}
                </Button>
              </Form>
            </Card>
          </Col>
          <Col flex="360px">
            <DeskHints
              contentReady={contentReady}
              areaChosen={Boolean(draft.areaCode)}
              classification={classification}
              catalogCategory={catalogPath ? { label: draft.categoryPath?.length ? optionLabels(categories, draft.categoryPath) : (top?.path.map((n) => n.name).join(' / ') ?? ''), suggested: !draft.categoryPath?.length } : undefined}
              catalog={catalog}
              knowledge={knowledge}
              duplicates={duplicates}
              taken={{ category: draft.categoryPath?.at(-1), articleId: answerArticles?.[0]?.articleId, duplicateOf: duplicateOf?.id, terminatedRequestId: terminated?.id }}
              onApply={(i) => void applySuggestion(i)}
              onPickArticle={(h) => void pickArticle(h)}
              onMerge={merge}
              onTerminated={answerTerminated}
              knowledgeListRef={knowledgeListRef}
              duplicateListRef={duplicateListRef}
            />
          </Col>
        </Row>
      </div>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('诉求列表（含网上提交）', 'Requests (online submissions included)')}</Typography.Title>} extra={
        <Select<RequestStatus> allowClear aria-label={t('按状态筛选', 'Filter by status')} placeholder={t('全部状态', 'All statuses')} style={{ width: 160 }} value={statusFilter} onChange={(v) => { setStatusFilter(v); setPage(1); }} options={REQUEST_STATUSES.map((s) => ({ value: s, label: t.label(REQUEST_STATUS_LABELS[s], s) }))} />
      }>
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<RequestView>
          rowKey="id"
          size="small"
          loading={list.loading && !list.data}
          dataSource={list.data?.items}
          pagination={{ current: page, pageSize: 10, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          expandable={{
            // Only an open request can be proposed for termination; the closed ones have no form.
            rowExpandable: (r) => !isClosedStatus(r.status),
            expandedRowKeys: open ? [open] : [],
            onExpand: (expanded, r) => setOpen(expanded ? r.id : undefined),
            expandedRowRender: (r) => <ProposeTermination request={r} onProposed={list.reload} />,
          }}
          columns={[
            { title: t('编号', 'Number'), dataIndex: 'number' },
            { title: t('渠道', 'Channel'), dataIndex: 'channel' },
            { title: t('标题', 'Title'), dataIndex: 'title', render: (v: string | null, r) => v ?? r.content.slice(0, 20) },
            { title: t('状态', 'Status'), dataIndex: 'status', render: (s: RequestStatus) => <StatusTag status={s} /> },
            { title: t('受理时间', 'Received'), dataIndex: 'receivedAt', render: (v: string) => formatTime(v, t.lang) },
            { title: t('已等待', 'Waiting'), dataIndex: 'receivedAt', key: 'age', render: (v: string) => `${Math.max(0, Math.round((Date.now() - Date.parse(v)) / 60000))} ${t('分钟', 'min')}` },
            {
              title: t('终结', 'Termination'),
              key: 'terminate',
              render: (_: unknown, r) =>
                isClosedStatus(r.status) ? null : (
                  <Button size="small" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? undefined : r.id)}>{t('提议终结', 'Propose termination')}</Button>
                ),
            },
          ]}
        />
      </Card>
      <Typography.Text type="secondary">{session.tenant}</Typography.Text>
    </Space>
  );
}
