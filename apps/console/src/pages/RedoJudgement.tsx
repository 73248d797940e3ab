// 重办 judgement (reviewer): a revisit that came back 不满意 or 未解决 waits for the reviewer to
// judge it — 合理差评 sends the primary order back to its unit for another round (重办), 不合理
// closes the request with that judgement, 暂不具备解决条件 closes it into a follow-up on a date.
// The note is required (kept masked). Ctrl+Enter in the note judges. revisit lists those waiting,
// longest first (GET /v1/revisits/awaiting-judgement); one judged here keeps its outcome on screen
// while the page is open, though the list no longer holds it.
import { type KeyboardEvent, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Pagination, Radio, Select, Space, Typography } from 'antd';
import {
  EVALUATION_JUDGEMENT_LABELS,
  EVALUATION_JUDGEMENTS,
  FOLLOW_UP_REASON_LABELS,
  FOLLOW_UP_REASONS,
  RESOLUTION_LABELS,
  REVISIT_METHOD_LABELS,
  SATISFACTION_LABELS,
  type EvaluationJudgement,
  type FollowUpReason,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { AwaitingJudgementView, Page, RecordedRevisitView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

interface JudgementForm {
  judgement: EvaluationJudgement;
  note: string;
  reason?: FollowUpReason;
  followUpOn?: string;
}

const FIELDS: Record<string, [string, string]> = {
  judgement: ['认定结论', 'Judgement'],
  note: ['认定意见', 'Note'],
  reason: ['客观原因', 'Reason'],
  followUpOn: ['跟踪日期', 'Follow-up date'],
};

const PAGE_SIZE = 20;

/** A request waiting for its judgement, and the judgement once a reviewer has taken it here. */
interface JudgementEntry {
  item: AwaitingJudgementView;
  judged?: RecordedRevisitView;
}

function Evaluation({ revisit }: { revisit: AwaitingJudgementView['evaluation'] }) {
  const t = useT();
  return (
    <>
      {t.label(REVISIT_METHOD_LABELS[revisit.method], revisit.method)} · {revisit.resolution ? t.label(RESOLUTION_LABELS[revisit.resolution], revisit.resolution) : '—'} ·{' '}
      {revisit.satisfaction ? t.label(SATISFACTION_LABELS[revisit.satisfaction], revisit.satisfaction) : t('未评价', 'Not rated')} · {formatTime(revisit.recordedAt, t.lang)}
    </>
  );
}

function JudgementCard({ entry, canJudge, onJudged }: { entry: JudgementEntry; canJudge: boolean; onJudged: (judged: RecordedRevisitView) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<JudgementForm>();
  const judgement = Form.useWatch('judgement', form);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const { item: revisit, judged } = entry;
  const submit = async (v: JudgementForm) => {
    setError(undefined);
    setBusy(true);
    try {
      const followUp = v.judgement === 'follow-up' ? { reason: v.reason, followUpOn: v.followUpOn } : {};
      const res = await unwrap<{ revisit: RecordedRevisitView }>(
        api.revisit.POST('/v1/revisits/{requestId}/judgement', { params: { path: { requestId: revisit.requestId } }, body: { judgement: v.judgement, note: v.note, ...followUp } }),
      );
      onJudged(res.revisit);
      void message.success(v.judgement === 'reasonable' ? t('已认定合理差评，发回承办单位重办', 'Judged reasonable: sent back for re-handling') : t('已认定，诉求办结', 'Judged: the request closes'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const onNoteKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };
  return (
    <Card size="small" data-testid={`judgement-${revisit.requestId}`} title={`${t('诉求', 'Request')} ${revisit.requestNumber ?? revisit.requestId}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('承办单位', 'Unit')}>{revisit.unit.unitName ?? revisit.unit.unitCode ?? revisit.unit.unitId}</Descriptions.Item>
          <Descriptions.Item label={t('回访评价', 'Evaluation')}><Evaluation revisit={revisit.evaluation} /></Descriptions.Item>
          <Descriptions.Item label={t('等待认定自', 'Waiting since')}>{formatTime(revisit.waitingSince, t.lang)}</Descriptions.Item>
          <Descriptions.Item label={t('此前重办', 'Earlier redos')}>{revisit.redoRounds > 0 ? t(`已重办 ${revisit.redoRounds} 次`, `${revisit.redoRounds} so far`) : t('无', 'None')}</Descriptions.Item>
        </Descriptions>
        {judged ? (
          <Alert
            type={judged.judgement === 'reasonable' ? 'warning' : 'success'}
            showIcon
            data-testid="judgement-outcome"
            message={`${judged.judgement ? t.label(EVALUATION_JUDGEMENT_LABELS[judged.judgement], judged.judgement) : ''} · ${judged.judgementNote ?? ''} · ${formatTime(judged.judgedAt, t.lang)}`}
          />
        ) : !canJudge ? (
          <Typography.Text type="secondary">{t('差评待复核员认定是否重办', 'A reviewer judges whether it is re-handled')}</Typography.Text>
        ) : (
          <Form<JudgementForm> form={form} layout="vertical" aria-label={t('重办认定', 'Redo judgement')} initialValues={{ judgement: 'reasonable' }} onFinish={(v) => void submit(v)}>
            <ProblemAlert error={error} fields={FIELDS} />
            <Form.Item name="judgement" label={t('认定结论', 'Judgement')}>
              <Radio.Group options={EVALUATION_JUDGEMENTS.map((j) => ({ value: j, label: t.label(EVALUATION_JUDGEMENT_LABELS[j], j) }))} />
            </Form.Item>
            {judgement === 'follow-up' && (
              <Space wrap align="start">
                <Form.Item name="reason" label={t('客观原因', 'Reason')} htmlFor={`judgement-reason-${revisit.requestId}`} rules={[{ required: true, message: t('请选择客观原因', 'Choose the reason') }]}>
                  <Select<FollowUpReason> id={`judgement-reason-${revisit.requestId}`} showSearch optionFilterProp="label" style={{ width: 200 }} options={FOLLOW_UP_REASONS.map((r) => ({ value: r, label: t.label(FOLLOW_UP_REASON_LABELS[r], r) }))} />
                </Form.Item>
                <Form.Item name="followUpOn" label={t('单位报告进展日期', 'Date the unit reports by')} htmlFor={`judgement-date-${revisit.requestId}`} rules={[{ required: true, message: t('请选择日期', 'Choose the date') }]}>
                  <Input id={`judgement-date-${revisit.requestId}`} type="date" style={{ width: 180 }} />
                </Form.Item>
              </Space>
            )}
            <Form.Item name="note" label={t('认定意见（Ctrl+Enter 提交）', 'Note (Ctrl+Enter judges)')} htmlFor={`judgement-note-${revisit.requestId}`} rules={[{ required: true, whitespace: true, message: t('请填写认定意见', 'Give the note') }]}>
              <Input.TextArea id={`judgement-note-${revisit.requestId}`} rows={2} maxLength={500} onKeyDown={onNoteKey} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{t('提交认定', 'Judge')}</Button>
          </Form>
        )}
      </Space>
    </Card>
  );
}

/** The evaluations awaiting a 重办 judgement, longest waiting first; nothing while there are none. */
export function RedoJudgements({ canJudge = true }: { canJudge?: boolean }) {
  const t = useT();
  const [page, setPage] = useState(1);
  // Judged here: kept with their outcome while the page is open (the list drops them).
  const [judged, setJudged] = useState<ReadonlyMap<string, JudgementEntry>>(new Map());
  const list = usePolled(
    () => unwrap<Page<AwaitingJudgementView>>(api.revisit.GET('/v1/revisits/awaiting-judgement', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })),
    [page],
  );
  const waiting = (list.data?.items ?? []).filter((i) => !judged.has(i.requestId)).map((item) => ({ item }));
  const entries: JudgementEntry[] = [...judged.values(), ...waiting];
  const onJudged = (item: AwaitingJudgementView) => (outcome: RecordedRevisitView) => {
    setJudged((m) => new Map(m).set(item.requestId, { item, judged: outcome }));
    list.reload();
  };
  if (entries.length === 0) return list.error ? <ProblemAlert error={list.error} /> : null;
  const total = list.data?.total ?? 0;
  return (
    <Card
      size="small"
      data-testid="redo-judgements"
      style={{ marginBottom: 16 }}
      title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('差评待认定（重办）', 'Evaluations awaiting a redo judgement')}</Typography.Title>}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <ProblemAlert error={list.error} />
        {entries.map((e) => <JudgementCard key={e.item.requestId} entry={e} canJudge={canJudge} onJudged={onJudged(e.item)} />)}
        {total > PAGE_SIZE && <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} showSizeChanger={false} />}
      </Space>
    </Card>
  );
}
