// 诉求终结 (request termination): a hotline worker proposes to terminate a request from its row on
// the agent desk (reason from the vocabulary, the earlier requests it repeats, the hearing record,
// and the legal route the requester is told); a supervisor or tenant admin other than the proposer
// approves or refuses it here by keyboard (the note field, Tab, Enter). The service enforces the
// two-person rule; the page only shows its 403 in the user's language.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import {
  REQUEST_STATUS_LABELS,
  TERMINATION_REASON_LABELS,
  TERMINATION_REASONS,
  TERMINATION_STATE_LABELS,
  TERMINATION_STATES,
  type RequestStatus,
  type TerminationReason,
  type TerminationState,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/intake';
import type { Page, RequestView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

type ProposeBody = paths['/v1/requests/{id}/terminations']['post']['requestBody']['content']['application/json'];

/** A termination as intake shows it (toTerminationView); the list adds the request's number and status. */
export interface TerminationView {
  id: string;
  requestId: string;
  state: TerminationState;
  reasonCode: TerminationReason;
  evidenceRequestNumbers: string[];
  hearingRecord: string | null;
  legalRoute: string;
  note: string | null;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}
interface TerminationRow extends TerminationView {
  requestNumber: string;
  requestStatus: RequestStatus;
}

const PAGE_SIZE = 20;

const FIELDS: Record<string, [string, string]> = {
  reasonCode: ['终结理由', 'Reason'],
  evidenceRequestNumbers: ['佐证诉求编号', 'Evidence requests'],
  hearingRecord: ['听证记录', 'Hearing record'],
  legalRoute: ['法定途径', 'Legal route'],
  note: ['备注', 'Note'],
  reason: ['驳回理由', 'Reason for refusing'],
};

const reasonOptions = (t: ReturnType<typeof useT>) => TERMINATION_REASONS.map((r) => ({ value: r, label: t.label(TERMINATION_REASON_LABELS[r], r) }));

interface ProposeValues {
  reasonCode?: TerminationReason;
  /** Request numbers separated by commas, 、 or spaces (a plain field: the tags picker's list has no accessible name). */
  evidence?: string;
  hearingRecord?: string;
  legalRoute?: string;
  note?: string;
}

const evidenceNumbers = (text: string | undefined) => (text ?? '').split(/[\s,，、]+/).filter(Boolean);

/** The 提议终结 form under a request's row on the agent desk, with the request's earlier proposals. */
export function ProposeTermination({ request, onProposed }: { request: RequestView; onProposed: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposeValues>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const history = usePolled(
    () => unwrap<{ items: TerminationView[] }>(api.intake.GET('/v1/requests/{id}/terminations', { params: { path: { id: request.id } } })),
    [request.id],
    60_000,
  );
  const reason = Form.useWatch('reasonCode', form);
  const open = (history.data?.items ?? []).find((x) => x.state === 'proposed');
  const id = (f: string) => `termination-${f}-${request.id}`;
  const submit = async (v: ProposeValues) => {
    if (!v.reasonCode) return;
    setBusy(true);
    setError(undefined);
    const body: ProposeBody = {
      reasonCode: v.reasonCode,
      legalRoute: v.legalRoute ?? '',
      ...(evidenceNumbers(v.evidence).length ? { evidenceRequestNumbers: evidenceNumbers(v.evidence) } : {}),
      ...(v.hearingRecord?.trim() ? { hearingRecord: v.hearingRecord } : {}),
      ...(v.note?.trim() ? { note: v.note } : {}),
    };
    try {
      await unwrap(api.intake.POST('/v1/requests/{id}/terminations', { params: { path: { id: request.id } }, body }));
      void message.success(t(`已提议终结 ${request.number}，待审批`, `Termination of ${request.number} proposed; awaiting a decision`));
      form.resetFields();
      history.reload();
      onProposed();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`termination-${request.number}`}>
      <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t(`提议终结 ${request.number}`, `Propose terminating ${request.number}`)}</Typography.Title>
      {(history.data?.items ?? []).map((x) => (
        <Typography.Text key={x.id}>
          <Tag>{t.label(TERMINATION_STATE_LABELS[x.state], x.state)}</Tag>
          {t.label(TERMINATION_REASON_LABELS[x.reasonCode], x.reasonCode)} · {formatTime(x.proposedAt, t.lang)}
          {x.decisionNote ? ` · ${x.decisionNote}` : ''}
        </Typography.Text>
      ))}
      <ProblemAlert error={error ?? history.error} fields={FIELDS} />
      {open ? (
        <Typography.Text type="secondary">{t('已有待审批的终结提议', 'A termination proposal awaits a decision')}</Typography.Text>
      ) : (
        <Form<ProposeValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t('提议终结', 'Propose termination')} style={{ maxWidth: 720 }}>
          <Form.Item name="reasonCode" label={t('终结理由', 'Reason')} htmlFor={id('reason')} rules={[{ required: true, message: t('请选择终结理由', 'Choose the reason') }]}>
            <Select id={id('reason')} showSearch optionFilterProp="label" options={reasonOptions(t)} />
          </Form.Item>
          <Form.Item
            name="evidence"
            label={t('佐证诉求编号（此前同一事项的诉求）', 'Evidence: earlier requests on the same matter')}
            htmlFor={id('evidence')}
            rules={[{ required: reason === 'repeated-no-new-facts', whitespace: true, message: t('重复反映须至少填写一个此前的诉求编号', 'Cite at least one earlier request') }]}
          >
            <Input id={id('evidence')} maxLength={1400} placeholder={t('多个编号以逗号或空格分隔', 'Several numbers: separate by commas or spaces')} />
          </Form.Item>
          <Form.Item
            name="hearingRecord"
            label={t('听证记录', 'Hearing record')}
            htmlFor={id('hearing')}
            rules={[{ required: reason === 'hearing-found-unreasonable', whitespace: true, message: t('听证认定须填写听证记录', 'A hearing finding needs the hearing record') }]}
          >
            <Input.TextArea id={id('hearing')} rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="legalRoute" label={t('告知诉求人的法定途径', 'Legal route the requester is told')} htmlFor={id('route')} rules={[{ required: true, whitespace: true, message: t('请填写法定途径', 'Enter the legal route') }]}>
            <Input.TextArea id={id('route')} rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="note" label={t('给审批人的备注', 'Note for the approver')} htmlFor={id('note')}>
            <Input id={id('note')} maxLength={1000} />
          </Form.Item>
          <Button danger htmlType="submit" loading={busy}>{t('提议终结', 'Propose termination')}</Button>
        </Form>
      )}
    </Space>
  );
}

function Decision({ row, onDecided, onError }: { row: TerminationRow; onDecided: () => void; onError: (err: unknown) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [needReason, setNeedReason] = useState(false);
  const inputId = `termination-decision-${row.id}`;
  const decide = async (approve: boolean) => {
    // A refusal says why the request goes on; an approval needs no remark.
    if (!approve && !reason.trim()) {
      setNeedReason(true);
      document.getElementById(inputId)?.focus();
      return;
    }
    setBusy(true);
    onError(undefined);
    const path = { id: row.requestId, terminationId: row.id };
    try {
      await unwrap(
        approve
          ? api.intake.POST('/v1/requests/{id}/terminations/{terminationId}/approve', { params: { path } })
          : api.intake.POST('/v1/requests/{id}/terminations/{terminationId}/refuse', { params: { path }, body: { reason: reason.trim() } }),
      );
      void message.success(approve ? t(`已批准终结 ${row.requestNumber}`, `${row.requestNumber} terminated`) : t(`已驳回终结提议 ${row.requestNumber}`, `Termination of ${row.requestNumber} refused`));
      onDecided();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={4}>
      <Input
        id={inputId}
        aria-label={t(`驳回理由：${row.requestNumber}`, `Reason for refusing: ${row.requestNumber}`)}
        placeholder={t('驳回理由（驳回必填）', 'Reason (required to refuse)')}
        maxLength={1000}
        style={{ width: 220 }}
        status={needReason ? 'error' : undefined}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setNeedReason(false);
        }}
      />
      {needReason && <Typography.Text type="danger" role="alert">{t('驳回须填写理由', 'Say why it is refused')}</Typography.Text>}
      <Space>
        <Button type="primary" size="small" loading={busy} onClick={() => void decide(true)}>{t('批准终结', 'Approve')}</Button>
        <Button danger size="small" disabled={busy} onClick={() => void decide(false)}>{t('驳回', 'Refuse')}</Button>
      </Space>
    </Space>
  );
}

/** 诉求终结: the hotline's termination proposals (oldest first), decided here by a second person. */
export function Terminations() {
  const t = useT();
  const [state, setState] = useState<TerminationState>('proposed');
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>();
  const list = usePolled(
    () => unwrap<Page<TerminationRow>>(api.intake.GET('/v1/terminations', { params: { query: { state, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })),
    [state, page],
  );
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('诉求终结审批', 'Request terminations')}</Typography.Title>}
      extra={
        <Select<TerminationState>
          id="terminations-state"
          aria-label={t('按终结状态筛选', 'Filter by state')}
          style={{ width: 140 }}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={TERMINATION_STATES.map((s) => ({ value: s, label: t.label(TERMINATION_STATE_LABELS[s], s) }))}
        />
      }
    >
      <ProblemAlert error={error ?? list.error} fields={FIELDS} />
      <Table<TerminationRow>
        rowKey="id"
        size="small"
        data-testid="terminations"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        locale={{ emptyText: <Typography.Text>{t('没有此状态的终结提议', 'No terminations in this state')}</Typography.Text> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t('诉求', 'Request'),
            key: 'request',
            render: (_: unknown, r) => (
              <span>{r.requestNumber}<br /><Tag color="processing">{t.label(REQUEST_STATUS_LABELS[r.requestStatus], r.requestStatus)}</Tag></span>
            ),
          },
          { title: t('终结理由', 'Reason'), key: 'reason', render: (_: unknown, r) => t.label(TERMINATION_REASON_LABELS[r.reasonCode], r.reasonCode) },
          {
            title: t('佐证与听证', 'Evidence and hearing'),
            key: 'evidence',
            render: (_: unknown, r) => (
              <span>
                {r.evidenceRequestNumbers.length ? r.evidenceRequestNumbers.join('、') : '—'}
                {r.hearingRecord ? <><br /><Typography.Text type="secondary">{t('听证', 'Hearing')}: {r.hearingRecord}</Typography.Text></> : null}
              </span>
            ),
          },
          { title: t('法定途径', 'Legal route'), key: 'route', render: (_: unknown, r) => r.legalRoute },
          { title: t('备注', 'Note'), key: 'note', render: (_: unknown, r) => r.note ?? '—' },
          { title: t('提议时间', 'Proposed'), key: 'proposed', render: (_: unknown, r) => formatTime(r.proposedAt, t.lang) },
          {
            title: state === 'proposed' ? t('审批', 'Decision') : t('审批结果', 'Decided'),
            key: 'decide',
            render: (_: unknown, r) =>
              r.state === 'proposed' ? (
                <Decision row={r} onDecided={list.reload} onError={setError} />
              ) : (
                <span>{formatTime(r.decidedAt, t.lang)}{r.decisionNote ? <><br /><Typography.Text type="secondary">{r.decisionNote}</Typography.Text></> : null}</span>
              ),
          },
        ]}
      />
    </Card>
  );
}
