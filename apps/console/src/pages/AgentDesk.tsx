// 话务台: a phone contact registered from the keyboard alone. The phone number has the focus,
// Tab walks the fields in the order of the call, Ctrl+Enter registers, Esc clears. Below it the
// tenant's newest requests (online submissions among them) with how long each has waited.
import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Cascader, Checkbox, Col, Form, Input, type InputRef, Row, Select, Space, Table, Typography } from 'antd';
import {
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  SCOPE_DECISION_LABELS,
  SCOPE_DECISIONS,
  URGENCIES,
  URGENCY_LABELS,
  isClosedStatus,
  type RequestStatus,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/intake';
import type { CategoryView, Page, RequestView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
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
}

interface CategoryOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: CategoryOption[];
}

async function categoriesUnder(parent?: string): Promise<CategoryOption[]> {
  const page = await unwrap<{ items: CategoryView[] }>(api.intake.GET('/v1/categories', { params: { query: parent ? { parent, limit: 200 } : { level: 1, limit: 200 } } }));
  return page.items.map((c) => ({ value: c.code, label: `${c.code} ${c.name}`, isLeaf: c.level >= 3 }));
}

const FIELD_LABELS: Record<string, [string, string]> = {
  'requester.phone': ['来电号码', 'Phone'],
  'requester.name': ['姓名', 'Name'],
  content: ['诉求内容', 'Content'],
  areaCode: ['区域', 'Area'],
  categoryCode: ['诉求分类', 'Category'],
  'scope.answer': ['直接答复', 'Direct answer'],
  'scope.reason': ['不受理理由', 'Reason'],
};

export function AgentDesk({ session }: { session: Session }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const phoneRef = useRef<InputRef>(null);
  const [categories, setCategories] = useState<CategoryOption[]>([]);
  const [registered, setRegistered] = useState<string>();
  const [submitError, setSubmitError] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const [statusFilter, setStatusFilter] = useState<RequestStatus>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string>();
  const units = useUnits();
  const areas = [...new Set((units.data?.items ?? []).flatMap((u) => u.areaCodes))].sort();
  const decision = Form.useWatch('decision', form);
  const anonymous = Form.useWatch('anonymous', form);

  useEffect(() => {
    void categoriesUnder().then(setCategories);
    phoneRef.current?.focus();
  }, []);

  const list = usePolled(
    () => unwrap<Page<RequestView>>(api.intake.GET('/v1/requests', { params: { query: { limit: 10, offset: (page - 1) * 10, ...(statusFilter ? { status: statusFilter } : {}) } } })),
    [page, statusFilter],
  );

  const submit = async (v: FormValues) => {
    setSubmitting(true);
    setSubmitError(undefined);
    const body: NewRequest = {
      channel: 'phone',
      requester: v.anonymous ? { anonymous: true } : { name: v.name, phone: v.phone, confidential: v.confidential ?? false },
      ...(v.title ? { title: v.title } : {}),
      content: v.content ?? '',
      areaCode: v.areaCode ?? '',
      requestType: v.requestType,
      urgency: v.urgency,
      categoryCode: v.category?.at(-1) ?? '',
      scope: { decision: v.decision, ...(v.answer ? { answer: v.answer } : {}), ...(v.reason ? { reason: v.reason } : {}) },
    };
    try {
      const created = await unwrap<{ number: string }>(api.intake.POST('/v1/requests', { body }));
      setRegistered(created.number);
      void message.success(t(`已登记 ${created.number}`, `Registered ${created.number}`));
      form.resetFields();
      list.reload();
      phoneRef.current?.focus();
    } catch (err) {
      setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    } else if (e.key === 'Escape') {
      form.resetFields();
      phoneRef.current?.focus();
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('话务台 · 电话来电登记', 'Agent desk · phone contact')}</Typography.Title>} extra={<Typography.Text type="secondary">{t('Ctrl+Enter 登记 · Esc 清空', 'Ctrl+Enter registers · Esc clears')}</Typography.Text>}>
        {submitError ? <ProblemAlert error={submitError} fields={FIELD_LABELS} /> : null}
        {registered && <Typography.Paragraph><Typography.Text type="success" data-testid="registered-number">{t('最近登记', 'Last registered')}: {registered}</Typography.Text></Typography.Paragraph>}
        <Form<FormValues>
          form={form}
          layout="vertical"
          onKeyDown={onKeyDown}
          onFinish={(v) => void submit(v)}
          initialValues={{ requestType: 'complaint', urgency: 'normal', decision: 'in-scope', anonymous: false, confidential: false }}
          aria-label={t('来电登记', 'Phone contact')}
        >
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
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="requestType" label={t('诉求类型', 'Type')} htmlFor="desk-type">
                <Select id="desk-type" showSearch options={REQUEST_TYPES.map((v) => ({ value: v, label: t.label(REQUEST_TYPE_LABELS[v], v) }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="urgency" label={t('紧急程度', 'Urgency')} htmlFor="desk-urgency">
                <Select id="desk-urgency" options={URGENCIES.map((v) => ({ value: v, label: t.label(URGENCY_LABELS[v], v) }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="category" label={t('诉求分类', 'Category')} htmlFor="desk-category" rules={[{ required: true, message: t('请选择分类', 'Choose a category') }]}>
                <Cascader<CategoryOption>
                  id="desk-category"
                  showSearch
                  options={categories}
                  loadData={(selected) => {
                    const target = selected.at(-1);
                    if (!target) return;
                    void categoriesUnder(target.value).then((children) => {
                      target.children = children;
                      setCategories((c) => [...c]);
                    });
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="areaCode" label={t('区域', 'Area')} htmlFor="desk-area" rules={[{ required: true, message: t('请选择区域', 'Choose an area') }]}>
                <Select id="desk-area" showSearch options={areas.map((a) => ({ value: a, label: a }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label={t('标题', 'Title')} htmlFor="desk-title">
            <Input id="desk-title" maxLength={200} />
          </Form.Item>
          <Form.Item name="content" label={t('诉求内容', 'Content')} rules={[{ required: true, message: t('请记录诉求内容', 'Record what was asked') }]} htmlFor="desk-content">
            <Input.TextArea id="desk-content" rows={3} maxLength={4000} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="decision" label={t('受理判定', 'Scope decision')} htmlFor="desk-decision">
                <Select id="desk-decision" options={SCOPE_DECISIONS.map((v) => ({ value: v, label: t.label(SCOPE_DECISION_LABELS[v], v) }))} />
              </Form.Item>
            </Col>
            <Col span={16}>
              {decision === 'direct-answer' && (
                <Form.Item name="answer" label={t('直接答复', 'Direct answer')} rules={[{ required: true, message: t('请填写答复', 'Enter the answer') }]} htmlFor="desk-answer">
                  <Input.TextArea id="desk-answer" rows={2} />
                </Form.Item>
              )}
              {decision && decision !== 'in-scope' && decision !== 'direct-answer' && (
                <Form.Item name="reason" label={t('不受理理由', 'Reason')} rules={[{ required: true, message: t('请填写理由', 'Enter the reason') }]} htmlFor="desk-reason">
                  <Input.TextArea id="desk-reason" rows={2} />
                </Form.Item>
              )}
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t('登记 (Ctrl+Enter)', 'Register (Ctrl+Enter)')}
          </Button>
        </Form>
      </Card>
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
