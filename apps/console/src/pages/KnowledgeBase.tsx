// 知识库 (supervisors and tenant admins write, reviewers and supervisors review): the article
// versions by status (server-paged), a search of the published, valid articles by words and
// category (intake's ranked bigram search), an article with its versions, writing a new article
// or version, the review queue, the published articles due for review, and the import.
//
// intake lists versions by status only; the articles due for review are the published ones whose
// review day is within REVIEW_DUE_DAYS, picked from the first REVIEW_DUE_SCAN published versions
// (the API has no filter by review day).
import { useState } from 'react';
import { Button, Card, Col, Descriptions, Input, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { KB_MATERIAL_KIND_LABELS, KB_VERSION_STATUS_LABELS, KB_VERSION_STATUSES, type KbVersionStatus } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { KbArticleView, KbVersionView, KnowledgeHitView, Page } from '../api/views';
import type { Session } from '../session/session';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { KnowledgeArticleForm } from './KnowledgeArticleForm';
import { KnowledgeImport } from './KnowledgeImport';
import { KnowledgeReview } from './KnowledgeReview';
import { formatTime, ProblemAlert } from './shared';
import { PageTitle, PENDING_TAG } from './settings-shared';

const PAGE_SIZE = 20;
const REVIEW_DUE_DAYS = 30;
const REVIEW_DUE_SCAN = 200;
const STATUS_TAG: Record<KbVersionStatus, { color?: string; style?: typeof PENDING_TAG }> = { 'in-review': { style: PENDING_TAG }, published: { color: 'blue' }, rejected: { color: 'red' }, superseded: {} };

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function StatusTag({ status }: { status: KbVersionStatus }) {
  const t = useT();
  return <Tag {...STATUS_TAG[status]}>{t.label(KB_VERSION_STATUS_LABELS[status], status)}</Tag>;
}

function ArticleList({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const [status, setStatus] = useState<KbVersionStatus | 'all'>('published');
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState<{ q: string; category?: string }>();
  const [category, setCategory] = useState('');
  const list = usePolled(
    () => unwrap<Page<KbVersionView>>(api.intake.GET('/v1/knowledge/articles', { params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(status === 'all' ? {} : { status }) } } })),
    [status, page],
  );
  const hits = usePolled(
    () => (search ? unwrap<{ items: KnowledgeHitView[] }>(api.intake.GET('/v1/knowledge/search', { params: { query: { q: search.q, limit: 50, ...(search.category ? { category: search.category } : {}) } } })) : Promise.resolve(undefined)),
    [search?.q, search?.category],
    60_000,
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          id="kb-search"
          aria-label={t('搜索已发布的文章', 'Search published articles')}
          placeholder={t('搜索已发布的有效文章', 'Search the published, valid articles')}
          allowClear
          style={{ width: 320 }}
          onSearch={(q) => setSearch(q.trim() ? { q: q.trim(), category: category.trim() || undefined } : undefined)}
        />
        <Input id="kb-search-category" aria-label={t('限定类目', 'Within category')} placeholder={t('类目，如 城乡建设', 'Category, e.g. 城乡建设')} style={{ width: 200 }} value={category} onChange={(e) => setCategory(e.target.value)} />
        {!search && (
          <Select<KbVersionStatus | 'all'>
            id="kb-status"
            aria-label={t('按版本状态筛选', 'Filter by status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[{ value: 'all' as const, label: t('全部状态', 'Every status') }, ...KB_VERSION_STATUSES.map((s) => ({ value: s, label: t.label(KB_VERSION_STATUS_LABELS[s], s) }))]}
          />
        )}
      </Space>
      <ProblemAlert error={search ? hits.error : list.error} fields={{ q: ['搜索词', 'Search words'], category: ['类目', 'Category'] }} />
      {search ? (
        <Table<KnowledgeHitView>
          rowKey="articleId"
          size="small"
          data-testid="kb-hits"
          loading={hits.loading && !hits.data}
          dataSource={hits.data?.items}
          pagination={false}
          locale={{ emptyText: <Typography.Text>{t('没有找到已发布的文章', 'No published article found')}</Typography.Text> }}
          columns={[
            { title: t('标题', 'Title'), key: 'title', render: (_: unknown, h) => <Typography.Link onClick={() => onOpen(h.articleId)}>{h.title}</Typography.Link> },
            { title: t('类目', 'Category'), dataIndex: 'category' },
            { title: t('发文单位', 'Issuing unit'), dataIndex: 'issuingUnit' },
            { title: t('摘要', 'Excerpt'), dataIndex: 'excerpt', ellipsis: true },
          ]}
        />
      ) : (
        <Table<KbVersionView>
          rowKey={(v) => `${v.articleId}/${v.version}`}
          size="small"
          data-testid="kb-articles"
          loading={list.loading && !list.data}
          dataSource={list.data?.items}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: <Typography.Text>{t('没有此状态的文章', 'No articles in this status')}</Typography.Text> }}
          columns={[
            { title: t('标题', 'Title'), key: 'title', render: (_: unknown, v) => <Typography.Link onClick={() => onOpen(v.articleId)}>{v.title}</Typography.Link> },
            { title: t('版本', 'Version'), dataIndex: 'version' },
            { title: t('状态', 'Status'), key: 'status', render: (_: unknown, v) => <StatusTag status={v.status} /> },
            { title: t('类目', 'Category'), dataIndex: 'category' },
            { title: t('材料性质', 'Kind'), key: 'kind', render: (_: unknown, v) => t.label(KB_MATERIAL_KIND_LABELS[v.materialKind], v.materialKind) },
            { title: t('有效期', 'Valid'), key: 'valid', render: (_: unknown, v) => `${v.validFrom} ~ ${v.validUntil ?? t('长期', 'open')}` },
            { title: t('复审日期', 'Review due'), key: 'due', render: (_: unknown, v) => v.reviewDueOn ?? '—' },
          ]}
        />
      )}
    </Space>
  );
}

function ReviewDue({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const published = usePolled(() => unwrap<Page<KbVersionView>>(api.intake.GET('/v1/knowledge/articles', { params: { query: { status: 'published', limit: REVIEW_DUE_SCAN } } })), [], 60_000);
  const today = new Date().toISOString().slice(0, 10);
  const until = addDays(today, REVIEW_DUE_DAYS);
  const due = (published.data?.items ?? []).filter((v) => v.reviewDueOn && v.reviewDueOn <= until).sort((a, b) => (a.reviewDueOn ?? '').localeCompare(b.reviewDueOn ?? ''));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        {t(`复审日期在 ${REVIEW_DUE_DAYS} 天内或已过的已发布文章：复审时撰写新版本（内容不变也可），审核通过后复审日期随之更新。`, `Published articles due for review within ${REVIEW_DUE_DAYS} days or overdue: review by writing a new version (even unchanged); its approval sets the next review day.`)}
        {(published.data?.total ?? 0) > REVIEW_DUE_SCAN && t(`（仅检查最近提交的 ${REVIEW_DUE_SCAN} 篇）`, ` (only the ${REVIEW_DUE_SCAN} submitted last are checked)`)}
      </Typography.Paragraph>
      <ProblemAlert error={published.error} />
      <Table<KbVersionView>
        rowKey={(v) => `${v.articleId}/${v.version}`}
        size="small"
        data-testid="kb-review-due"
        loading={published.loading && !published.data}
        dataSource={due}
        pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true }}
        locale={{ emptyText: <Typography.Text>{t('没有到期需复审的文章', 'Nothing due for review')}</Typography.Text> }}
        columns={[
          { title: t('复审日期', 'Review due'), key: 'due', render: (_: unknown, v) => (v.reviewDueOn && v.reviewDueOn < today ? <Tag color="red">{v.reviewDueOn} {t('已过期', 'overdue')}</Tag> : v.reviewDueOn) },
          { title: t('标题', 'Title'), key: 'title', render: (_: unknown, v) => <Typography.Link onClick={() => onOpen(v.articleId)}>{v.title}</Typography.Link> },
          { title: t('类目', 'Category'), dataIndex: 'category' },
          { title: t('审核人', 'Reviewed by'), dataIndex: 'reviewedBy' },
        ]}
      />
    </Space>
  );
}

function ArticleDetail({ id, canWrite, onClose, onNewVersion }: { id: string; canWrite: boolean; onClose: () => void; onNewVersion: (a: KbArticleView) => void }) {
  const t = useT();
  const article = usePolled(() => unwrap<KbArticleView>(api.intake.GET('/v1/knowledge/articles/{id}', { params: { path: { id } } })), [id], 30_000);
  const a = article.data;
  const latest = a?.versions[0];
  return (
    <Card
      data-testid="kb-article"
      title={<PageTitle level={3}>{latest?.title ?? t('文章', 'Article')}</PageTitle>}
      extra={
        <Space>
          {canWrite && a && <Button onClick={() => onNewVersion(a)} disabled={a.versions.some((v) => v.status === 'in-review')}>{t('撰写新版本', 'Write a new version')}</Button>}
          <Button onClick={onClose}>{t('关闭', 'Close')}</Button>
        </Space>
      }
    >
      <ProblemAlert error={article.error} />
      {a && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{a.publishedVersion ? t(`话务员使用第 ${a.publishedVersion} 版`, `Agents answer from version ${a.publishedVersion}`) : t('尚无已发布版本', 'No version published')}</Typography.Text>
          {a.versions.map((v) => (
            <Descriptions key={v.version} size="small" bordered column={2} title={<Space><span>{t(`第 ${v.version} 版`, `Version ${v.version}`)}</span><StatusTag status={v.status} /></Space>}>
              <Descriptions.Item label={t('类目', 'Category')}>{v.category}</Descriptions.Item>
              <Descriptions.Item label={t('发文单位', 'Issuing unit')}>{v.issuingUnit}</Descriptions.Item>
              <Descriptions.Item label={t('关键字', 'Keywords')}>{v.keywords.join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('有效期', 'Valid')}>{`${v.validFrom} ~ ${v.validUntil ?? t('长期', 'open')}`}</Descriptions.Item>
              <Descriptions.Item label={t('提交', 'Submitted')}>{v.submittedBy} · {formatTime(v.submittedAt, t.lang)}</Descriptions.Item>
              <Descriptions.Item label={t('审核', 'Reviewed')}>{v.reviewedBy ? `${v.reviewedBy} · ${formatTime(v.reviewedAt, t.lang)}${v.reviewNote ? ` · ${v.reviewNote}` : ''}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('正文', 'Content')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v.content}</Typography.Paragraph></Descriptions.Item>
            </Descriptions>
          ))}
        </Space>
      )}
    </Card>
  );
}

export function KnowledgeBase({ session }: { session: Session }) {
  const t = useT();
  const canWrite = session.roles.some((r) => r === 'supervisor' || r === 'tenant-admin');
  const canReview = session.roles.some((r) => r === 'supervisor' || r === 'reviewer');
  const [tab, setTab] = useState('articles');
  const [open, setOpen] = useState<string>();
  const [versionOf, setVersionOf] = useState<KbArticleView>();
  const [refresh, setRefresh] = useState(0);
  const openArticle = (id: string) => setOpen(id);
  const written = (articleId: string) => {
    setVersionOf(undefined);
    setOpen(articleId);
    setRefresh((n) => n + 1);
  };
  const items = [
    { key: 'articles', label: t('文章', 'Articles'), children: <ArticleList key={refresh} onOpen={openArticle} /> },
    ...(canWrite
      ? [
          {
            key: 'write',
            label: versionOf ? t('撰写新版本', 'New version') : t('撰写', 'Write'),
            children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              {versionOf && <Button onClick={() => setVersionOf(undefined)}>{t('改为撰写新文章', 'Write a new article instead')}</Button>}
              <KnowledgeArticleForm of={versionOf} onWritten={written} />
            </Space>
          ),
        },
      ] : []),
    ...(canReview ? [{ key: 'review', label: t('审核', 'Review'), children: <KnowledgeReview key={refresh} subject={session.subject} onOpen={openArticle} /> }] : []),
    { key: 'due', label: t('待复审', 'Due for review'), children: <ReviewDue key={refresh} onOpen={openArticle} /> },
    ...(canWrite ? [{ key: 'import', label: t('导入', 'Import'), children: <KnowledgeImport onImported={() => setRefresh((n) => n + 1)} /> }] : []),
  ];
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={open ? 14 : 24}>
        <Card title={<PageTitle>{t('知识库', 'Knowledge base')}</PageTitle>}>
          <Tabs activeKey={tab} onChange={setTab} items={items} />
        </Card>
      </Col>
      {open && (
        <Col xs={24} xl={10}>
          <ArticleDetail
            key={`${open}:${refresh}`}
            id={open}
            canWrite={canWrite}
            onClose={() => setOpen(undefined)}
            onNewVersion={(a) => {
              setVersionOf(a);
              setTab('write');
            }}
          />
        </Col>
      )}
    </Row>
  );
}
