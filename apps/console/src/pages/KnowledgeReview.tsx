// The knowledge base's review queue (reviewers and supervisors): the versions in review, oldest
// last as intake lists them (server-paged), each approved (published: what agents find from now
// on, due for review on the day given or half a year on) or rejected with a note; several at
// once by selection (POST /v1/knowledge/reviews, each refused one reported). Four eyes: intake
// refuses a version's own author with 403 own_version, shown here in the user's language.
import { useState } from 'react';
import { App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { KB_MATERIAL_KIND_LABELS, KB_REVIEW_DECISIONS, type KbReviewDecision } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import { Problem } from '../api/problem';
import type { KbVersionView, Page } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { ARTICLE_FIELDS } from './KnowledgeArticleForm';
import { formatTime } from './shared';
import { PageTitle, SettingsProblem, WARNING_TAG } from './settings-shared';

const PAGE_SIZE = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const keyOf = (v: Pick<KbVersionView, 'articleId' | 'version'>) => `${v.articleId}/${v.version}`;

interface BatchResult {
  decided: Array<{ articleId: string; version: number; status: string }>;
  refused: Array<{ index: number; articleId: string; version: number; code: string; message: string }>;
}

function Decision({ row, subject, onDone, onError }: { row: KbVersionView; subject: string; onDone: () => void; onError: (e: unknown) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `kb-review-${row.articleId}-${row.version}`;
  const decide = async (decision: KbReviewDecision) => {
    setBusy(true);
    onError(undefined);
    try {
      await unwrap(
        api.intake.POST('/v1/knowledge/articles/{id}/versions/{version}/review', {
          params: { path: { id: row.articleId, version: String(row.version) } },
          body: { decision, ...(note.trim() ? { note: note.trim() } : {}), ...(decision === 'approve' && DAY.test(due.trim()) ? { reviewDueOn: due.trim() } : {}) },
        }),
      );
      void message.success(decision === 'approve' ? t(`已发布「${row.title}」`, `"${row.title}" published`) : t(`已驳回「${row.title}」`, `"${row.title}" rejected`));
      onDone();
    } catch (err) {
      // The 403's message says it all; the field it names (version) adds nothing.
      onError(err instanceof Problem && err.body.code === 'own_version' ? new Problem({ ...err.body, errors: undefined }) : err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={4}>
      {row.submittedBy === subject && <Tag style={WARNING_TAG}>{t('本人撰写：须由他人审核', 'Yours: another reviewer decides')}</Tag>}
      <Input id={`${id}-note`} aria-label={t(`审核意见：${row.title}`, `Review note: ${row.title}`)} placeholder={t('审核意见（可空）', 'Note (optional)')} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 220 }} />
      <Input id={`${id}-due`} aria-label={t(`复审日期：${row.title}`, `Review due: ${row.title}`)} placeholder={t('复审日期 YYYY-MM-DD（默认半年后）', 'Review due YYYY-MM-DD (default: in half a year)')} value={due} onChange={(e) => setDue(e.target.value)} style={{ width: 220 }} />
      <Space>
        <Button type="primary" size="small" loading={busy} onClick={() => void decide('approve')} aria-label={t(`通过并发布：${row.title}`, `Approve and publish: ${row.title}`)}>{t('通过并发布', 'Approve')}</Button>
        <Button danger size="small" disabled={busy} onClick={() => void decide('reject')} aria-label={t(`驳回：${row.title}`, `Reject: ${row.title}`)}>{t('驳回', 'Reject')}</Button>
      </Space>
    </Space>
  );
}

export function KnowledgeReview({ subject, onOpen }: { subject: string; onOpen: (articleId: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<string[]>([]);
  const [refused, setRefused] = useState<BatchResult['refused']>([]);
  const queue = usePolled(() => unwrap<Page<KbVersionView>>(api.intake.GET('/v1/knowledge/articles', { params: { query: { status: 'in-review', limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })), [page]);
  const rows = queue.data?.items ?? [];

  const batch = async (decision: KbReviewDecision) => {
    setError(undefined);
    const items = rows.filter((r) => selected.includes(keyOf(r))).map((r) => ({ articleId: r.articleId, version: r.version }));
    if (!items.length) return;
    try {
      const result = await unwrap<BatchResult>(api.intake.POST('/v1/knowledge/reviews', { body: { decision, items } }));
      setRefused(result.refused);
      setSelected([]);
      void message.success(t(`已${decision === 'approve' ? '通过' : '驳回'} ${result.decided.length} 篇，${result.refused.length} 篇未处理`, `${result.decided.length} decided, ${result.refused.length} refused`));
      queue.reload();
    } catch (err) {
      setError(err);
    }
  };
  const titleOf = (r: { articleId: string; version: number }) => rows.find((x) => x.articleId === r.articleId && x.version === r.version)?.title ?? r.articleId;

  return (
    <Card
      title={<PageTitle level={3}>{t('待审核版本', 'Versions in review')}</PageTitle>}
      extra={
        <Space>
          {KB_REVIEW_DECISIONS.map((d) => (
            <Button key={d} danger={d === 'reject'} disabled={!selected.length} onClick={() => void batch(d)}>
              {d === 'approve' ? t(`批量通过（${selected.length}）`, `Approve selected (${selected.length})`) : t(`批量驳回（${selected.length}）`, `Reject selected (${selected.length})`)}
            </Button>
          ))}
        </Space>
      }
    >
      <SettingsProblem error={error ?? queue.error} fields={ARTICLE_FIELDS} />
      {refused.length > 0 && (
        <Space direction="vertical" style={{ marginBottom: 12 }} data-testid="kb-refused">
          {refused.map((r) => (
            <Typography.Text key={`${r.articleId}/${r.version}`} type="danger">
              {titleOf(r)}：{r.code === 'own_version' ? t('本人撰写，须由他人审核', 'yours: another reviewer decides') : r.message}
            </Typography.Text>
          ))}
        </Space>
      )}
      <Table<KbVersionView>
        rowKey={keyOf}
        size="small"
        data-testid="kb-review-queue"
        loading={queue.loading && !queue.data}
        dataSource={rows}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (r) => ({ 'aria-label': t(`选择 ${r.title}`, `Select ${r.title}`) }) }}
        locale={{ emptyText: <Typography.Text>{t('没有待审核的版本', 'Nothing in review')}</Typography.Text> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: queue.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t('标题', 'Title'),
            key: 'title',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Link onClick={() => onOpen(r.articleId)}>{r.title}</Typography.Link>
                <Typography.Text type="secondary">{r.category} · {t(`第 ${r.version} 版`, `v${r.version}`)} · {t.label(KB_MATERIAL_KIND_LABELS[r.materialKind], r.materialKind)}</Typography.Text>
              </Space>
            ),
          },
          { title: t('发文单位', 'Issuing unit'), dataIndex: 'issuingUnit' },
          { title: t('提交', 'Submitted'), key: 'submitted', render: (_: unknown, r) => <span>{r.submittedBy}<br />{formatTime(r.submittedAt, t.lang)}</span> },
          { title: t('审核', 'Decision'), key: 'decide', render: (_: unknown, r) => <Decision row={r} subject={subject} onDone={queue.reload} onError={setError} /> },
        ]}
      />
    </Card>
  );
}
