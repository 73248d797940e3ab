// 数据共享 (tenant admin proposes and revokes; tenant admin or supervisor decides and audits): the
// hotline's agreements with receiving departments (docs/data-sharing.md) — which fields of the
// vocabulary's catalogue, each with its grade and masking, for which categories, areas and request
// types, for what purpose, on which legal basis, until when. A second person approves or refuses
// a proposal (intake answers the proposer with 403 two_person_rule, shown in the user's
// language); revoking stops every release at once. Below, the log of every release.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import {
  DATA_GRADE_LABELS,
  DATA_GRADES,
  RELEASE_KIND_LABELS,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  SHARING_AGREEMENT_STATE_LABELS,
  SHARING_AGREEMENT_STATES,
  SHARING_FIELD_CATALOGUE,
  SHARING_FIELDS,
  SHARING_MASKING_LABELS,
  isWithinGrade,
  type DataGrade,
  type RequestType,
  type SharingAgreementState,
  type SharingField,
  type SharingMasking,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/intake';
import type { Page, SharingAgreementView, SharingReleaseView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { formatTime, ProblemAlert } from './shared';

type ProposeBody = paths['/v1/sharing/agreements']['post']['requestBody']['content']['application/json'];
const PAGE_SIZE = 20;

const FIELD_NAMES: Record<string, [string, string]> = {
  departmentCode: ['部门代码', 'Department code'],
  departmentName: ['部门名称', 'Department name'],
  purpose: ['使用目的', 'Purpose'],
  legalBasis: ['法律依据', 'Legal basis'],
  personalDataPurpose: ['个人信息使用目的', 'Purpose of the personal data'],
  maxGrade: ['最高分级', 'Highest grade'],
  includesCore: ['包含核心数据', 'Includes core data'],
  fields: ['共享字段', 'Fields'],
  categoryPrefixes: ['内容分类', 'Categories'],
  areaCodes: ['区域', 'Areas'],
  requestTypes: ['诉求类型', 'Request types'],
  validFrom: ['生效日期', 'Valid from'],
  validUntil: ['截止日期', 'Valid until'],
  reason: ['理由', 'Reason'],
};
/** A 400 names e.g. `fields.3.masking` or `areaCodes.1`: shown by the field it is about. */
const PROBLEM_FIELDS = new Proxy(FIELD_NAMES, {
  get: (names, f: string): [string, string] | undefined => {
    const field = /^fields\.(\d+)/.exec(f);
    if (field) return ['共享字段', 'Fields'];
    return names[f.split('.')[0] ?? f];
  },
});

const stateTag = (t: Translate, s: SharingAgreementState) => {
  const style = s === 'active' ? { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' } : s === 'proposed' ? { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' } : undefined;
  return <Tag style={style}>{t.label(SHARING_AGREEMENT_STATE_LABELS[s], s)}</Tag>;
};
const fieldLabel = (t: Translate, f: SharingField) => t.label(SHARING_FIELD_CATALOGUE[f].label, f);
const listOf = (text: string | undefined) => (text ?? '').split(/[\s,，、]+/).filter(Boolean);
/** A local day's start as an instant (the hotline's staff think in days). */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const localDay = (days = 0) => new Intl.DateTimeFormat('sv-SE').format(new Date(Date.now() + days * 86_400_000));

interface ProposeValues {
  departmentCode?: string;
  departmentName?: string;
  purpose?: string;
  legalBasis?: string;
  personalDataPurpose?: string;
  maxGrade: DataGrade;
  includesCore: boolean;
  /** Per catalogue field its masking; 'drop' leaves it out of the agreement. */
  maskings: Record<SharingField, SharingMasking>;
  categories?: string;
  areas?: string;
  requestTypes: RequestType[];
  validFrom: string;
  validUntil: string;
}

const initialMaskings = Object.fromEntries(SHARING_FIELDS.map((f) => [f, 'drop'])) as Record<SharingField, SharingMasking>;

function ProposeCard({ onProposed }: { onProposed: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposeValues>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const maxGrade = Form.useWatch('maxGrade', form) ?? 'general';
  const submit = async (v: ProposeValues) => {
    setBusy(true);
    setError(undefined);
    const fields = SHARING_FIELDS.filter((f) => v.maskings[f] && v.maskings[f] !== 'drop').map((f) => ({ field: f, masking: v.maskings[f] }));
    const body: ProposeBody = {
      departmentCode: v.departmentCode?.trim() ?? '',
      departmentName: v.departmentName ?? '',
      purpose: v.purpose ?? '',
      legalBasis: v.legalBasis ?? '',
      ...(v.personalDataPurpose?.trim() ? { personalDataPurpose: v.personalDataPurpose } : {}),
      maxGrade: v.maxGrade,
      includesCore: v.includesCore,
      fields,
      categoryPrefixes: listOf(v.categories),
      areaCodes: listOf(v.areas),
      requestTypes: v.requestTypes,
      validFrom: v.validFrom ? dayStart(v.validFrom) : '',
      validUntil: v.validUntil ? dayStart(v.validUntil) : '',
    };
    try {
      const made = await unwrap<SharingAgreementView>(api.intake.POST('/v1/sharing/agreements', { body }));
      void message.success(t(`已提出与${made.departmentName}的共享协议，待另一人审批`, `Agreement with ${made.departmentName} proposed; a second person decides it`));
      form.resetFields();
      onProposed();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const text = (name: keyof ProposeValues, zh: string, en: string, max: number, required = true, area = false) => (
    <Form.Item name={name} label={t(zh, en)} htmlFor={`sharing-${name}`} rules={required ? [{ required: true, whitespace: true, message: t(`请填写${zh}`, `Enter the ${en.toLowerCase()}`) }] : []}>
      {area ? <Input.TextArea id={`sharing-${name}`} rows={2} maxLength={max} /> : <Input id={`sharing-${name}`} maxLength={max} />}
    </Form.Item>
  );
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('提出共享协议', 'Propose an agreement')}</Typography.Title>}>
      <ProblemAlert error={error} fields={PROBLEM_FIELDS} />
      <Form<ProposeValues>
        form={form}
        layout="vertical"
        aria-label={t('提出共享协议', 'Propose an agreement')}
        initialValues={{ maxGrade: 'general', includesCore: false, maskings: initialMaskings, requestTypes: [], validFrom: localDay(), validUntil: localDay(365) }}
        onFinish={(v) => void submit(v)}
        style={{ maxWidth: 960 }}
      >
        <Space wrap align="start">
          <div style={{ width: 220 }}>{text('departmentCode', '部门代码（令牌的 department）', 'Department code (token claim)', 63)}</div>
          <div style={{ width: 280 }}>{text('departmentName', '部门名称', 'Department name', 200)}</div>
        </Space>
        {text('purpose', '使用目的', 'Purpose', 1000, true, true)}
        {text('legalBasis', '法律依据', 'Legal basis', 500)}
        {text('personalDataPurpose', '个人信息使用目的（共享个人信息时必填）', 'Why personal data is needed (required to share it)', 1000, false, true)}
        <Space wrap align="start">
          <Form.Item name="maxGrade" label={t('最高分级', 'Highest grade')} htmlFor="sharing-maxGrade">
            <Select<DataGrade> id="sharing-maxGrade" showSearch optionFilterProp="label" style={{ width: 160 }} options={DATA_GRADES.map((g) => ({ value: g, label: t.label(DATA_GRADE_LABELS[g], g) }))} />
          </Form.Item>
          <Form.Item name="includesCore" label={t('包含核心数据', 'Includes core data')} htmlFor="sharing-includesCore" valuePropName="checked">
            <Switch id="sharing-includesCore" />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t('共享字段及脱敏方式', 'Fields and their masking')}</Typography.Text>
        <Table
          rowKey={(f) => f}
          size="small"
          data-testid="sharing-field-catalogue"
          pagination={false}
          dataSource={[...SHARING_FIELDS]}
          style={{ marginBottom: 16 }}
          columns={[
            { title: t('字段', 'Field'), key: 'field', render: (_: unknown, f: SharingField) => fieldLabel(t, f) },
            {
              title: t('分级', 'Grade'),
              key: 'grade',
              render: (_: unknown, f: SharingField) => {
                const g = SHARING_FIELD_CATALOGUE[f].grade;
                return <span>{t.label(DATA_GRADE_LABELS[g], g)}{isWithinGrade(g, maxGrade) ? '' : t('（高于最高分级）', ' (above the highest grade)')}</span>;
              },
            },
            {
              title: t('脱敏方式', 'Masking'),
              key: 'masking',
              render: (_: unknown, f: SharingField) => (
                <Form.Item name={['maskings', f]} noStyle>
                  <Select<SharingMasking>
                    id={`sharing-masking-${f.replace('.', '-')}`}
                    showSearch
                    optionFilterProp="label"
                    aria-label={t(`${fieldLabel(t, f)}的脱敏方式`, `Masking of ${fieldLabel(t, f)}`)}
                    style={{ width: 160 }}
                    options={SHARING_FIELD_CATALOGUE[f].maskings.map((m) => ({ value: m, label: m === 'drop' ? t('不共享', 'Not shared') : t.label(SHARING_MASKING_LABELS[m], m) }))}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Space wrap align="start">
          <div style={{ width: 300 }}>{text('categories', '内容分类代码（逗号分隔，含下级）', 'Category codes (comma-separated, with those below)', 2000)}</div>
          <div style={{ width: 300 }}>{text('areas', '区域代码（逗号分隔，含下级）', 'Area codes (comma-separated, with those below)', 2000)}</div>
        </Space>
        <Form.Item name="requestTypes" label={t('诉求类型', 'Request types')} rules={[{ validator: (_, v: RequestType[] | undefined) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('至少选择一种诉求类型', 'Choose at least one type')))) }]}>
          <Checkbox.Group options={REQUEST_TYPES.map((r) => ({ value: r, label: t.label(REQUEST_TYPE_LABELS[r], r) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="validFrom" label={t('生效日期', 'Valid from')} htmlFor="sharing-validFrom" rules={[{ required: true, message: t('请选择生效日期', 'Choose the start') }]}>
            <Input id="sharing-validFrom" type="date" style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="validUntil" label={t('截止日期（不含）', 'Valid until (exclusive)')} htmlFor="sharing-validUntil" rules={[{ required: true, message: t('请选择截止日期', 'Choose the end') }]}>
            <Input id="sharing-validUntil" type="date" style={{ width: 170 }} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={busy}>{t('提交审批', 'Propose')}</Button>
      </Form>
    </Card>
  );
}

function Decide({ a, session, onDone }: { a: SharingAgreementView; session: Session; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [needReason, setNeedReason] = useState(false);
  const inputId = `sharing-reason-${a.id}`;
  const act = async (what: 'approve' | 'refuse' | 'revoke') => {
    // A refusal and a revocation say why; an approval may go without a note.
    if (what !== 'approve' && !reason.trim()) {
      setNeedReason(true);
      document.getElementById(inputId)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const path = { id: a.id };
    try {
      if (what === 'approve') await unwrap(api.intake.POST('/v1/sharing/agreements/{id}/approve', { params: { path }, body: reason.trim() ? { reason: reason.trim() } : {} }));
      else if (what === 'refuse') await unwrap(api.intake.POST('/v1/sharing/agreements/{id}/refuse', { params: { path }, body: { reason: reason.trim() } }));
      else await unwrap(api.intake.POST('/v1/sharing/agreements/{id}/revoke', { params: { path }, body: { reason: reason.trim() } }));
      void message.success({ approve: t('协议已生效', 'Agreement active'), refuse: t('已不予批准', 'Agreement refused'), revoke: t('协议已撤销', 'Agreement revoked') }[what]);
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const canDecide = a.state === 'proposed' && (session.roles.includes('tenant-admin') || session.roles.includes('supervisor'));
  const canRevoke = (a.state === 'proposed' || a.state === 'active') && session.roles.includes('tenant-admin');
  if (!canDecide && !canRevoke) return null;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <ProblemAlert error={error} fields={PROBLEM_FIELDS} />
      <Input
        id={inputId}
        aria-label={t(`审批意见或理由：${a.departmentName}`, `Note or reason: ${a.departmentName}`)}
        placeholder={t('意见或理由（驳回、撤销必填）', 'Note or reason (required to refuse or revoke)')}
        maxLength={1000}
        style={{ maxWidth: 480 }}
        status={needReason ? 'error' : undefined}
        value={reason}
        onChange={(e) => { setReason(e.target.value); setNeedReason(false); }}
      />
      {needReason && <Typography.Text type="danger" role="alert">{t('驳回或撤销须填写理由', 'Say why')}</Typography.Text>}
      <Space>
        {canDecide && <Button type="primary" size="small" loading={busy} onClick={() => void act('approve')}>{t('批准', 'Approve')}</Button>}
        {canDecide && <Button size="small" disabled={busy} onClick={() => void act('refuse')}>{t('不予批准', 'Refuse')}</Button>}
        {canRevoke && <Button danger size="small" disabled={busy} onClick={() => void act('revoke')}>{t('撤销协议', 'Revoke')}</Button>}
      </Space>
    </Space>
  );
}

function AgreementDetail({ a, session, onDone }: { a: SharingAgreementView; session: Session; onDone: () => void }) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`agreement-detail-${a.id}`}>
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'purpose', label: t('使用目的', 'Purpose'), children: a.purpose, span: 2 },
          { key: 'legal', label: t('法律依据', 'Legal basis'), children: a.legalBasis, span: 2 },
          ...(a.personalDataPurpose ? [{ key: 'pd', label: t('个人信息使用目的', 'Personal data purpose'), children: a.personalDataPurpose, span: 2 }] : []),
          { key: 'fields', label: t('共享字段', 'Fields'), span: 2, children: a.fields.map((f) => `${fieldLabel(t, f.field)}：${t.label(SHARING_MASKING_LABELS[f.masking], f.masking)}`).join('；') },
          { key: 'cat', label: t('内容分类', 'Categories'), children: a.categoryPrefixes.join('、') },
          { key: 'area', label: t('区域', 'Areas'), children: a.areaCodes.join('、') },
          { key: 'types', label: t('诉求类型', 'Types'), children: a.requestTypes.map((r) => t.label(REQUEST_TYPE_LABELS[r], r)).join('、') },
          { key: 'core', label: t('包含核心数据', 'Core data'), children: a.includesCore ? t('是', 'Yes') : t('否', 'No') },
          { key: 'proposed', label: t('提出', 'Proposed'), children: `${a.proposedBy} · ${formatTime(a.proposedAt, t.lang)}` },
          { key: 'decided', label: t('审批', 'Decided'), children: a.decidedBy ? `${a.decidedBy} · ${formatTime(a.decidedAt, t.lang)}${a.decisionNote ? ` · ${a.decisionNote}` : ''}` : '—' },
          ...(a.revokedAt ? [{ key: 'revoked', label: t('撤销', 'Revoked'), span: 2, children: `${a.revokedBy ?? ''} · ${formatTime(a.revokedAt, t.lang)} · ${a.revokeReason ?? ''}` }] : []),
        ]}
      />
      <Decide a={a} session={session} onDone={onDone} />
    </Space>
  );
}

function ReleaseLog({ agreementId, onClear }: { agreementId?: string; onClear: () => void }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const log = usePolled(
    () => unwrap<Page<SharingReleaseView>>(api.intake.GET('/v1/sharing/releases/log', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(agreementId ? { agreementId } : {}) } } })),
    [agreementId, page],
  );
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('共享记录', 'Release log')}</Typography.Title>}
      extra={agreementId && <Button size="small" onClick={onClear}>{t('显示全部协议的记录', 'Every agreement')}</Button>}
    >
      <ProblemAlert error={log.error} />
      <Table<SharingReleaseView>
        rowKey="id"
        size="small"
        data-testid="sharing-releases"
        loading={log.loading && !log.data}
        dataSource={log.data?.items}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: log.data?.total, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: <Typography.Text>{t('尚无共享记录', 'Nothing released yet')}</Typography.Text> }}
        columns={[
          { title: t('时间', 'When'), key: 'at', render: (_: unknown, r) => formatTime(r.releasedAt, t.lang) },
          { title: t('部门', 'Department'), dataIndex: 'departmentCode' },
          { title: t('方式', 'How'), key: 'kind', render: (_: unknown, r) => t.label(RELEASE_KIND_LABELS[r.kind], r.kind) },
          { title: t('调取人', 'By'), dataIndex: 'subject' },
          { title: t('诉求数', 'Requests'), key: 'count', render: (_: unknown, r) => <span data-testid={`release-count-${r.id}`}>{r.itemCount}</span> },
          { title: t('字段', 'Fields'), key: 'fields', render: (_: unknown, r) => r.fields.map((f) => (SHARING_FIELDS as readonly string[]).includes(f) ? fieldLabel(t, f as SharingField) : f).join('、') },
        ]}
      />
    </Card>
  );
}

export function Sharing({ session }: { session: Session }) {
  const t = useT();
  const [state, setState] = useState<SharingAgreementState | 'all'>('all');
  const [department, setDepartment] = useState('');
  const [asked, setAsked] = useState('');
  const [page, setPage] = useState(1);
  const [logOf, setLogOf] = useState<string>();
  const list = usePolled(
    () =>
      unwrap<Page<SharingAgreementView>>(
        api.intake.GET('/v1/sharing/agreements', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(state !== 'all' ? { state } : {}), ...(asked ? { departmentCode: asked } : {}) } } }),
      ),
    [state, asked, page],
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('数据共享协议', 'Data-sharing agreements')}</Typography.Title>}
        extra={
          <Space>
            <Input aria-label={t('按部门代码筛选', 'Filter by department code')} placeholder={t('部门代码', 'Department code')} style={{ width: 160 }} value={department} onChange={(e) => setDepartment(e.target.value)} onPressEnter={() => { setAsked(department.trim()); setPage(1); }} />
            <Select<SharingAgreementState | 'all'>
              aria-label={t('按协议状态筛选', 'Filter by state')}
              showSearch
              optionFilterProp="label"
              style={{ width: 130 }}
              value={state}
              onChange={(v) => { setState(v); setPage(1); }}
              options={[{ value: 'all' as const, label: t('全部状态', 'Every state') }, ...SHARING_AGREEMENT_STATES.map((s) => ({ value: s, label: t.label(SHARING_AGREEMENT_STATE_LABELS[s], s) }))]}
            />
          </Space>
        }
      >
        <ProblemAlert error={list.error} fields={{ departmentCode: ['部门代码', 'Department code'] }} />
        <Table<SharingAgreementView>
          rowKey="id"
          size="small"
          data-testid="sharing-agreements"
          loading={list.loading && !list.data}
          dataSource={list.data?.items}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          expandable={{ expandedRowRender: (a) => <AgreementDetail a={a} session={session} onDone={list.reload} /> }}
          locale={{ emptyText: <Typography.Text>{t('没有此状态的共享协议', 'No agreements in this state')}</Typography.Text> }}
          columns={[
            { title: t('部门', 'Department'), key: 'dept', render: (_: unknown, a) => <span>{a.departmentName}<br /><Typography.Text type="secondary">{a.departmentCode}</Typography.Text></span> },
            { title: t('状态', 'State'), key: 'state', render: (_: unknown, a) => <span data-testid={`agreement-state-${a.id}`}>{stateTag(t, a.state)}</span> },
            { title: t('最高分级', 'Grade'), key: 'grade', render: (_: unknown, a) => t.label(DATA_GRADE_LABELS[a.maxGrade], a.maxGrade) },
            { title: t('字段数', 'Fields'), key: 'fields', render: (_: unknown, a) => a.fields.filter((f) => f.masking !== 'drop').length },
            { title: t('有效期', 'Validity'), key: 'valid', render: (_: unknown, a) => <span>{formatTime(a.validFrom, t.lang)}<br />{t('至', 'to')} {formatTime(a.validUntil, t.lang)}</span> },
            { title: t('提出', 'Proposed'), key: 'proposed', render: (_: unknown, a) => <span>{a.proposedBy}<br /><Typography.Text type="secondary">{formatTime(a.proposedAt, t.lang)}</Typography.Text></span> },
            { title: t('共享记录', 'Releases'), key: 'log', render: (_: unknown, a) => <Button size="small" aria-label={t(`查看${a.departmentName}的共享记录`, `Releases to ${a.departmentName}`)} onClick={() => setLogOf(a.id)}>{t('共享记录', 'Releases')}</Button> },
          ]}
        />
      </Card>
      <ReleaseLog agreementId={logOf} onClear={() => setLogOf(undefined)} />
      {session.roles.includes('tenant-admin') && <ProposeCard onProposed={list.reload} />}
    </Space>
  );
}
