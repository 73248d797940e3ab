// 数据保留 (tenant admin): how long a closed request keeps its requester's identity and its free
// text before revisit's retention runs anonymise them (in the archive, the case file and, through
// RequestAnonymised, intake and handling), the runs so far (daily, or started here), and the
// records office's export of a period of the archive (JSON lines: header, one line per link,
// trailer — a file without its trailer was cut short).
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Progress, Space, Table, Tag, Typography } from 'antd';
import {
  RETENTION_DEFAULTS,
  RETENTION_RUN_STATUS_LABELS,
  RETENTION_RUN_TRIGGER_LABELS,
  RETENTION_SCOPE_LABELS,
  RETENTION_YEARS_MAX,
  RETENTION_YEARS_MIN,
  type RetentionRunStatus,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/revisit';
import { Problem } from '../api/problem';
import type { RetentionPolicyView, RetentionRunView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { PageTitle, SourceTag, useSettingsForm } from './settings-shared';
import { formatTime, ProblemAlert } from './shared';
import { SwitchField } from './SwitchField';

type PolicyBody = paths['/v1/retention-policy']['put']['requestBody']['content']['application/json'];
type PolicyValues = Required<PolicyBody>;

const PAGE_SIZE = 10;
const FIELDS: Record<string, [string, string]> = {
  closedRequestYears: ['保留年限', 'Years kept'],
  anonymiseIdentity: ['匿名化诉求人身份信息', 'Anonymise the identity'],
  anonymiseFreeText: ['匿名化自由文本', 'Anonymise the free text'],
  asOf: ['执行基准时间', 'As of'],
  from: ['起始日期', 'From'],
  to: ['截止日期', 'To'],
  'query.from': ['起始日期', 'From'],
  'query.to': ['截止日期', 'To'],
  'query.limit': ['每页条数', 'Page size'],
  'query.offset': ['页码', 'Page'],
};
/** Ant Design's success and error tags fall short of 4.5:1 contrast; these darker texts on their backgrounds meet it. */
const STATUS_TAGS: Record<RetentionRunStatus, { color: string; background: string; borderColor: string }> = {
  running: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  completed: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  failed: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

/** Today as a local date YYYY-MM-DD (the export's days are the tenant's; the browser's day is the natural default). */
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function PolicyCard() {
  const t = useT();
  const { form, settings: policy, problem, busy, save } = useSettingsForm<RetentionPolicyView, PolicyValues>({
    read: () => unwrap<RetentionPolicyView>(api.revisit.GET('/v1/retention-policy')),
    write: (v) =>
      unwrap<RetentionPolicyView>(api.revisit.PUT('/v1/retention-policy', { body: { closedRequestYears: v.closedRequestYears, anonymiseIdentity: v.anonymiseIdentity, anonymiseFreeText: v.anonymiseFreeText } })),
    toForm: (p) => ({ closedRequestYears: p.closedRequestYears, anonymiseIdentity: p.anonymiseIdentity, anonymiseFreeText: p.anonymiseFreeText }),
    savedMessage: (saved) => [`保留策略已保存：办结后 ${saved?.closedRequestYears} 年，下次执行时生效`, `Policy saved: ${saved?.closedRequestYears} years after closure, applied by the next run`],
  });
  const p = policy.data;
  return (
    <Card
      title={<PageTitle>{t('数据保留策略', 'Retention policy')}</PageTitle>}
      extra={
        p && (
          <SourceTag
            testId="retention-policy-source"
            own={p.configured}
            ownLabel={['本热线策略', "This hotline's policy"]}
            defaultLabel={[`平台默认（${RETENTION_DEFAULTS.closedRequestYears} 年）`, `Platform default (${RETENTION_DEFAULTS.closedRequestYears} years)`]}
            updatedAt={p.updatedAt}
            updatedBy={p.updatedBy}
          />
        )
      }
    >
      <ProblemAlert error={problem} fields={FIELDS} />
      <Typography.Paragraph type="secondary">
        {t(
          '诉求办结满保留年限后，保留任务将其中选定的内容替换为“〔已匿名化〕”；归档哈希链保持可校验。已匿名化的记录不因修改策略而恢复。',
          'Once a request has been closed for the years kept, a retention run replaces the chosen content with “〔已匿名化〕”; the archive chain stays verifiable. Records anonymised before stay so whatever the policy becomes.',
        )}
      </Typography.Paragraph>
      <Form<PolicyValues> form={form} layout="vertical" disabled={!p} onFinish={(v) => void save(v)} aria-label={t('数据保留策略', 'Retention policy')} style={{ maxWidth: 640 }}>
        <Form.Item
          name="closedRequestYears"
          label={t(`办结后保留年限（${RETENTION_YEARS_MIN}–${RETENTION_YEARS_MAX} 年）`, `Years kept after closure (${RETENTION_YEARS_MIN}–${RETENTION_YEARS_MAX})`)}
          htmlFor="retention-years"
          rules={[{ required: true, message: t('请填写保留年限', 'Enter the years') }]}
        >
          <InputNumber id="retention-years" min={RETENTION_YEARS_MIN} max={RETENTION_YEARS_MAX} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <SwitchField name="anonymiseIdentity" id="retention-identity" label={t(`期满匿名化：${RETENTION_SCOPE_LABELS.identity.zh}`, `Anonymise when due: ${RETENTION_SCOPE_LABELS.identity.en}`)} on={t('匿名化', 'Anonymised')} off={t('保留', 'Kept')} />
        <SwitchField name="anonymiseFreeText" id="retention-free-text" label={t(`期满匿名化：${RETENTION_SCOPE_LABELS['free-text'].zh}`, `Anonymise when due: ${RETENTION_SCOPE_LABELS['free-text'].en}`)} on={t('匿名化', 'Anonymised')} off={t('保留', 'Kept')} />
        <Button type="primary" htmlType="submit" loading={busy}>{t('保存保留策略', 'Save retention policy')}</Button>
      </Form>
    </Card>
  );
}

function RunsCard() {
  const t = useT();
  const { message, modal } = App.useApp();
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>();
  const runs = usePolled(
    () => unwrap<{ items: RetentionRunView[]; limit: number; offset: number }>(api.revisit.GET('/v1/retention/runs', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })),
    [page],
  );
  const items = runs.data?.items ?? [];
  // The service gives no total: a full page means there may be a next one.
  const total = (page - 1) * PAGE_SIZE + items.length + (items.length === PAGE_SIZE ? 1 : 0);
  const start = async () => {
    setError(undefined);
    try {
      const run = await unwrap<RetentionRunView>(api.revisit.POST('/v1/retention/runs', { body: {} }));
      void message.success(
        run.status === 'completed'
          ? t(`保留任务已完成：本次无需匿名化的诉求（截止 ${formatTime(run.cutoff, t.lang)} 办结）`, `Run completed: nothing closed before ${formatTime(run.cutoff, t.lang)} to anonymise`)
          : t(`保留任务已开始：${run.total} 件诉求待匿名化`, `Run started: ${run.total} request(s) to anonymise`),
      );
      setPage(1);
      runs.reload();
    } catch (err) {
      setError(err);
    }
  };
  const confirmStart = () =>
    modal.confirm({
      title: t('立即执行保留任务？', 'Run retention now?'),
      content: t('按当前策略匿名化已到期的诉求，匿名化后无法恢复。', 'Requests past the policy’s years are anonymised now; this cannot be undone.'),
      okText: t('执行', 'Run'),
      cancelText: t('取消', 'Cancel'),
      onOk: start,
    });
  const conflict = error instanceof Problem && error.body.code === 'conflict';
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('保留任务', 'Retention runs')}</Typography.Title>}
      extra={<Button danger onClick={confirmStart}>{t('立即执行', 'Run now')}</Button>}
    >
      {conflict ? (
        <Typography.Paragraph type="danger" role="alert">{t('已有保留任务在执行，请待其完成后再发起。', 'A run is still going; start another once it ends.')}</Typography.Paragraph>
      ) : (
        <ProblemAlert error={error ?? runs.error} fields={FIELDS} />
      )}
      <Table<RetentionRunView>
        rowKey="id"
        size="small"
        data-testid="retention-runs"
        loading={runs.loading && !runs.data}
        dataSource={items}
        locale={{ emptyText: <Typography.Text>{t('尚无保留任务，每日定时执行', 'No runs yet; one runs daily')}</Typography.Text> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('开始时间', 'Started'), key: 'started', render: (_: unknown, r) => formatTime(r.startedAt, t.lang) },
          { title: t('方式', 'Trigger'), key: 'trigger', render: (_: unknown, r) => t.label(RETENTION_RUN_TRIGGER_LABELS[r.trigger], r.trigger) },
          { title: t('状态', 'Status'), key: 'status', render: (_: unknown, r) => <Tag style={STATUS_TAGS[r.status]}>{t.label(RETENTION_RUN_STATUS_LABELS[r.status], r.status)}</Tag> },
          { title: t('匿名化截止办结时间', 'Closed before'), key: 'cutoff', render: (_: unknown, r) => formatTime(r.cutoff, t.lang) },
          {
            title: t('策略', 'Policy'),
            key: 'policy',
            render: (_: unknown, r) =>
              [
                t(`${r.policy.closedRequestYears} 年`, `${r.policy.closedRequestYears} years`),
                r.policy.anonymiseIdentity ? t('身份信息', 'identity') : null,
                r.policy.anonymiseFreeText ? t('自由文本', 'free text') : null,
              ].filter(Boolean).join(' · '),
          },
          {
            title: t('进度', 'Progress'),
            key: 'progress',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <span>{t(`${r.anonymised} / ${r.total} 件`, `${r.anonymised} / ${r.total}`)}</span>
                {r.total > 0 && <Progress percent={Math.round((r.anonymised / r.total) * 100)} size="small" status={r.status === 'failed' ? 'exception' : undefined} aria-label={t('匿名化进度', 'Progress')} />}
              </Space>
            ),
          },
          { title: t('发起人', 'Requested by'), dataIndex: 'requestedBy' },
          {
            title: t('结束', 'Finished'),
            key: 'finished',
            render: (_: unknown, r) => (
              <span>{formatTime(r.finishedAt, t.lang)}{r.error ? <><br /><Typography.Text type="danger">{r.error}</Typography.Text></> : null}</span>
            ),
          },
        ]}
      />
    </Card>
  );
}

function ArchiveExportCard({ tenant }: { tenant: string }) {
  const t = useT();
  const [from, setFrom] = useState(localToday);
  const [to, setTo] = useState(localToday);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [lines, setLines] = useState<number>();
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // Fetched with the session's token (a plain link would carry none), then saved as a file.
      const blob = await unwrap<Blob>(api.revisit.GET('/v1/archive/export', { params: { query: { from, to } }, parseAs: 'blob' }));
      setLines((await blob.text()).split('\n').filter(Boolean).length);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `archive-${tenant}-${from}-${to}.ndjson`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('归档导出', 'Archive export')}</Typography.Title>}>
      <ProblemAlert error={error} fields={FIELDS} />
      <Typography.Paragraph type="secondary">
        {t('导出所选日期（含首尾两日）归档的记录，JSON Lines 格式：首行为概要，末行为条数和最后哈希；缺少末行的文件不完整。每次导出均留痕。', 'Exports the records archived on the chosen days (both included) as JSON lines: a header first, the count and last hash last; a file without that last line is incomplete. Every export is recorded.')}
      </Typography.Paragraph>
      <Space wrap>
        <label htmlFor="export-from">{t('起始日期', 'From')}</label>
        <Input id="export-from" type="date" style={{ width: 170 }} value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="export-to">{t('截止日期', 'To')}</label>
        <Input id="export-to" type="date" style={{ width: 170 }} value={to} onChange={(e) => setTo(e.target.value)} />
        <Button type="primary" loading={busy} disabled={!from || !to} onClick={() => void download()}>{t('导出归档', 'Export archive')}</Button>
        {lines !== undefined && <Typography.Text data-testid="export-lines">{t(`已导出 ${Math.max(0, lines - 2)} 条记录`, `${Math.max(0, lines - 2)} record(s) exported`)}</Typography.Text>}
      </Space>
    </Card>
  );
}

export function Retention({ session }: { session: Session }) {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PolicyCard />
      <RunsCard />
      <ArchiveExportCard tenant={session.tenant} />
    </Space>
  );
}
