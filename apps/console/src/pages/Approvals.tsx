// 延期与暂停审批 for the hotline's supervisors and administrators: the units' pending extension
// requests (延期申请) and pause requests (暂停计时), each with its order, unit, reason, the due now
// and what it asks for, approved or refused by keyboard (the note field, Tab, Enter).
//
// handling's GET /v1/approvals is the one queue across the tenant, oldest ask first, narrowed by
// kind and paged by the server; each item carries its order and the handling due now.
import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PAUSE_REASON_LABELS } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { ApprovalItemView, ClockPolicyView, ExtensionView, Page, PauseView, WorkOrderView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

const PAGE_SIZE = 20;

/** Ant Design's gold and warning tags fall short of 4.5:1 contrast; this brown on the gold background meets it. */
const PAUSE_TAG = { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' };

type Kind = 'extension' | 'pause';
type Pending =
  | { id: string; kind: 'extension'; order: WorkOrderView; dueNow: string; askedAt: string; extension: ExtensionView }
  | { id: string; kind: 'pause'; order: WorkOrderView; dueNow: string; askedAt: string; pause: PauseView };

/** One server page of what waits for the hotline, as the rows below read it. */
async function pendingPage(kind: Kind | 'all', page: number): Promise<{ total: number; items: Pending[] }> {
  const res = await unwrap<Page<ApprovalItemView>>(api.handling.GET('/v1/approvals', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(kind !== 'all' ? { kind } : {}) } } }));
  const items = res.items.flatMap((i): Pending[] => {
    const common = { id: `${i.kind}:${i.id}`, order: i.order, dueNow: i.handlingDueAt, askedAt: i.askedAt };
    if (i.kind === 'extension' && i.extension) return [{ ...common, kind: 'extension', extension: i.extension }];
    if (i.kind === 'pause' && i.pause) return [{ ...common, kind: 'pause', pause: i.pause }];
    return [];
  });
  return { total: res.total, items };
}

function Decision({ item, onDecided, onError }: { item: Pending; onDecided: () => void; onError: (err: unknown) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [needNote, setNeedNote] = useState(false);
  const noteId = `decision-note-${item.id.replace(':', '-')}`;
  const decide = async (approve: boolean) => {
    // A refusal tells the unit why; an approval may go without a remark.
    if (!approve && !note.trim()) {
      setNeedNote(true);
      document.getElementById(noteId)?.focus();
      return;
    }
    setBusy(true);
    onError(undefined);
    const body = note.trim() ? { note: note.trim() } : {};
    const id = item.order.id;
    try {
      if (item.kind === 'extension') {
        const path = { id, extensionId: item.extension.id };
        await unwrap(
          approve
            ? api.handling.POST('/v1/work-orders/{id}/extensions/{extensionId}/approve', { params: { path }, body })
            : api.handling.POST('/v1/work-orders/{id}/extensions/{extensionId}/refuse', { params: { path }, body }),
        );
      } else {
        const path = { id, pauseId: item.pause.id };
        await unwrap(
          approve
            ? api.handling.POST('/v1/work-orders/{id}/pauses/{pauseId}/approve', { params: { path }, body })
            : api.handling.POST('/v1/work-orders/{id}/pauses/{pauseId}/refuse', { params: { path }, body }),
        );
      }
      void message.success(
        item.kind === 'extension'
          ? approve ? t('已批准延期', 'Extension approved') : t('已驳回延期申请', 'Extension refused')
          : approve ? t('已批准暂停计时', 'Pause approved') : t('已驳回暂停申请', 'Pause refused'),
      );
      onDecided();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const what = `${item.order.request.number} ${item.kind === 'extension' ? t('延期申请', 'extension') : t('暂停申请', 'pause')}`;
  return (
    <Space direction="vertical" size={4}>
      <Input
        id={noteId}
        aria-label={t(`审批意见：${what}`, `Decision note: ${what}`)}
        placeholder={t('审批意见（驳回必填）', 'Note (required to refuse)')}
        maxLength={1000}
        style={{ width: 220 }}
        status={needNote ? 'error' : undefined}
        value={note}
        onChange={(e) => {
          setNote(e.target.value);
          setNeedNote(false);
        }}
      />
      {needNote && <Typography.Text type="danger" role="alert">{t('驳回须填写审批意见', 'Say why it is refused')}</Typography.Text>}
      <Space>
        <Button type="primary" size="small" loading={busy} onClick={() => void decide(true)}>{t('批准', 'Approve')}</Button>
        <Button danger size="small" disabled={busy} onClick={() => void decide(false)}>{t('驳回', 'Refuse')}</Button>
      </Space>
    </Space>
  );
}

export function Approvals() {
  const t = useT();
  const [kind, setKind] = useState<Kind | 'all'>('all');
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>();
  const list = usePolled(() => pendingPage(kind, page), [kind, page]);
  const policy = usePolled(() => unwrap<ClockPolicyView>(api.handling.GET('/v1/clock-policy')), [], 600_000);
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('延期与暂停审批', 'Extension and pause approvals')}</Typography.Title>}
      extra={
        <Select<Kind | 'all'>
          aria-label={t('按申请类型筛选', 'Filter by kind')}
          showSearch
          optionFilterProp="label"
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('全部申请', 'All requests') },
            { value: 'extension', label: t('延期申请', 'Extensions') },
            { value: 'pause', label: t('暂停计时', 'Pauses') },
          ]}
        />
      }
    >
      <ProblemAlert error={error ?? list.error ?? policy.error} fields={{ note: ['审批意见', 'Note'], kind: ['申请类型', 'Kind'] }} />
      <Typography.Paragraph type="secondary" data-testid="approvals-scope">
        {list.data && list.data.total > 0
          ? t(`共 ${list.data.total} 项待审批申请，最早提出的在前`, `${list.data.total} request(s) awaiting a decision, oldest first`)
          : t('没有待审批的申请', 'Nothing waits for a decision')}
      </Typography.Paragraph>
      <Table<Pending>
        rowKey="id"
        size="small"
        data-testid="approvals"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        locale={{ emptyText: <Typography.Text>{t('没有待审批的申请', 'Nothing waits for a decision')}</Typography.Text> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t('申请', 'Request'),
            key: 'kind',
            render: (_: unknown, i) => (i.kind === 'extension' ? <Tag color="blue">{t('延期申请', 'Extension')}</Tag> : <Tag style={PAUSE_TAG}>{t('暂停计时', 'Pause')}</Tag>),
          },
          { title: t('工单', 'Order'), key: 'order', render: (_: unknown, i) => <span>{i.order.request.number}<br />{i.order.request.title ?? ''}</span> },
          { title: t('承办单位', 'Unit'), key: 'unit', render: (_: unknown, i) => i.order.unitName },
          {
            title: t('理由', 'Reason'),
            key: 'reason',
            render: (_: unknown, i) =>
              i.kind === 'extension' ? (
                <span>{i.extension.reason}<br /><Typography.Text type="secondary">{t('依据', 'Basis')}: {i.extension.basis}</Typography.Text></span>
              ) : (
                <span>{t.label(PAUSE_REASON_LABELS[i.pause.reason], i.pause.reason)}{i.pause.note ? <><br /><Typography.Text type="secondary">{i.pause.note}</Typography.Text></> : null}</span>
              ),
          },
          { title: t('现办理时限', 'Due now'), key: 'due', render: (_: unknown, i) => formatTime(i.dueNow, t.lang) },
          {
            title: t('申请后时限', 'Due asked for'),
            key: 'proposed',
            render: (_: unknown, i) =>
              i.kind === 'extension' ? (
                <span>{formatTime(i.extension.proposedDueAt, t.lang)}<br /><Typography.Text type="secondary">{t(`延长 ${i.extension.extraWorkingDays} 个工作日`, `+${i.extension.extraWorkingDays} working day(s)`)}</Typography.Text></span>
              ) : (
                <Typography.Text type="secondary">
                  {policy.data
                    ? t(`按暂停的工作日顺延，最长 ${policy.data.maxPauseWorkingDays} 个工作日`, `Moved by the working days paused, at most ${policy.data.maxPauseWorkingDays}`)
                    : t('按暂停的工作日顺延', 'Moved by the working days paused')}
                </Typography.Text>
              ),
          },
          { title: t('申请时间', 'Asked'), key: 'asked', render: (_: unknown, i) => formatTime(i.askedAt, t.lang) },
          { title: t('审批', 'Decision'), key: 'decide', render: (_: unknown, i) => <Decision item={i} onDecided={list.reload} onError={setError} /> },
        ]}
      />
    </Card>
  );
}
