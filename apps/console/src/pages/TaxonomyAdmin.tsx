// 分类体系 (tenant admin; supervisors read it): the content taxonomy of one version as a tree,
// each level loaded from intake when it is opened (GET /v1/categories?parent=…); the versions;
// the CSV export of a version; a CSV import (code,name,parentCode,level) that shows what it adds
// and which codes it retires before it is published, and after publishing how many requests each
// retired code still carries (the PUT's answer). Versions are numbered 1…N with no gaps, so the
// version list is the range up to the latest (the API has no list of its own).
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Descriptions, Select, Space, Table, Tag, Tree, Typography, Upload } from 'antd';
import { MAX_CATEGORY_LEVEL } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import { Problem } from '../api/problem';
import type { CategoryPageView, CategoryView, TaxonomyPublishedView } from '../api/views';
import { parseCsvRows } from '../catalog-csv';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import { ProblemAlert } from './shared';
import { WARNING_TAG } from './settings-shared';

export const TAXONOMY_CSV_HEADER = ['code', 'name', 'parentCode', 'level'] as const;
const PAGE = 200;

interface Node {
  key: string;
  title: string;
  isLeaf: boolean;
  children?: Node[];
}

/** Every page of one version's categories with the given filter. */
async function allCategories(version: number, filter: { parent?: string; level?: number } = {}): Promise<CategoryView[]> {
  const items: CategoryView[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await unwrap<CategoryPageView>(api.intake.GET('/v1/categories', { params: { query: { version, limit: PAGE, offset, ...filter } } }));
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

const toNode = (c: CategoryView): Node => ({ key: c.code, title: `${c.code} ${c.name}`, isLeaf: c.level >= MAX_CATEGORY_LEVEL });

function withChildren(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) => (n.key === key ? { ...n, children, isLeaf: children.length === 0 } : n.children ? { ...n, children: withChildren(n.children, key, children) } : n));
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function taxonomyCsv(categories: readonly CategoryView[]): string {
  return [TAXONOMY_CSV_HEADER.join(','), ...categories.map((c) => [c.code, c.name, c.parentCode ?? '', String(c.level)].map(quote).join(','))].join('\n') + '\n';
}

/** The categories of a taxonomy CSV, or the problems found (line 1 is the header). */
export function parseTaxonomyCsv(text: string, t: Translate): { rows: Array<Omit<CategoryView, 'parentCode'> & { parentCode?: string }>; problems: string[] } {
  const [header, ...body] = parseCsvRows(text.replace(/^\uFEFF/, ''));
  const columns = (header ?? []).map((h) => h.trim());
  if (TAXONOMY_CSV_HEADER.some((h, i) => columns[i] !== h)) return { rows: [], problems: [t(`表头须为 ${TAXONOMY_CSV_HEADER.join(',')}`, `The header must be ${TAXONOMY_CSV_HEADER.join(',')}`)] };
  const problems: string[] = [];
  const rows = body.map((r, i) => {
    const [code = '', name = '', parentCode = '', level = ''] = r.map((v) => v.trim());
    if (!code || !name || !/^[1-9]$/.test(level)) problems.push(t(`第 ${i + 2} 行：code、name 和 level（数字）必填`, `line ${i + 2}: code, name and level (a number) are required`));
    return { code, name, level: Number(level), ...(parentCode ? { parentCode } : {}) };
  });
  return { rows, problems };
}

/** "categories.3.parentCode" → "第 5 行 parentCode": the server names the row by its index. */
function rowFields(error: unknown): Record<string, [string, string]> {
  const fields: Record<string, [string, string]> = {};
  if (error instanceof Problem)
    for (const e of error.body.errors ?? []) {
      const m = /^categories\.(\d+)\.?(.*)$/.exec(e.field);
      if (m) fields[e.field] = [`第 ${Number(m[1]) + 2} 行 ${m[2] ?? ''}（${e.message}）`, `line ${Number(m[1]) + 2} ${m[2] ?? ''} (${e.message})`];
    }
  return fields;
}

export function TaxonomyAdmin({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const latest = usePolled(() => unwrap<CategoryPageView>(api.intake.GET('/v1/categories', { params: { query: { level: 1, limit: PAGE } } })), [], 60_000);
  const latestVersion = latest.data?.version ?? 0;
  const [picked, setPicked] = useState<number>();
  const version = picked ?? latestVersion;
  const [tree, setTree] = useState<Node[]>([]);
  const [error, setError] = useState<unknown>();
  const [draft, setDraft] = useState<{ rows: ReturnType<typeof parseTaxonomyCsv>['rows']; added: string[]; retired: string[]; file: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const [published, setPublished] = useState<TaxonomyPublishedView>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!version) return setTree([]);
    let live = true;
    allCategories(version, { level: 1 }).then((roots) => live && setTree(roots.map(toNode)), (err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [version]);

  const loadChildren = async (key: string) => {
    try {
      const children = await allCategories(version, { parent: key });
      setTree((nodes) => withChildren(nodes, key, children.map(toNode)));
    } catch (err) {
      setError(err);
    }
  };

  const exportCsv = async () => {
    setError(undefined);
    try {
      const text = taxonomyCsv(await allCategories(version));
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      a.download = `taxonomy-v${version}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (err) {
      setError(err);
    }
  };

  const readCsv = async (file: File) => {
    setError(undefined);
    setPublished(undefined);
    const { rows, problems: found } = parseTaxonomyCsv(await file.text(), t);
    setProblems(found);
    if (found.length) return setDraft(undefined);
    try {
      // Before publishing: what the file adds and retires against the latest version.
      const current = new Set(latestVersion ? (await allCategories(latestVersion)).map((c) => c.code) : []);
      const next = new Set(rows.map((r) => r.code));
      setDraft({ rows, file: file.name, added: [...next].filter((c) => !current.has(c)), retired: [...current].filter((c) => !next.has(c)).sort() });
    } catch (err) {
      setError(err);
    }
  };

  const publish = async () => {
    if (!draft) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await unwrap<TaxonomyPublishedView>(api.intake.PUT('/v1/categories', { body: { categories: draft.rows } }));
      setPublished(result);
      setDraft(undefined);
      setPicked(undefined);
      void message.success(t(`已发布第 ${result.version} 版，共 ${result.count} 个分类`, `Published version ${result.version}: ${result.count} categories`));
      latest.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const versions = useMemo(() => Array.from({ length: latestVersion }, (_, i) => latestVersion - i), [latestVersion]);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('分类体系', 'Content taxonomy')} <span data-testid="taxonomy-version">{version ? t(`第 ${version} 版`, `version ${version}`) : t('尚未发布', 'none published')}</span>
          </Typography.Title>
        }
        extra={
          <Space wrap>
            <Select<number>
              id="taxonomy-version-select"
              aria-label={t('查看版本', 'Show version')}
              style={{ width: 160 }}
              value={version || undefined}
              placeholder={t('版本', 'Version')}
              onChange={(v) => setPicked(v === latestVersion ? undefined : v)}
              options={versions.map((v) => ({ value: v, label: v === latestVersion ? t(`第 ${v} 版（当前）`, `version ${v} (current)`) : t(`第 ${v} 版`, `version ${v}`) }))}
            />
            <Button onClick={() => void exportCsv()} disabled={!version}>{t('导出 CSV', 'Export CSV')}</Button>
            {canEdit && (
              <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(file) => { void readCsv(file); return false; }}>
                <Button type="primary">{t('导入 CSV', 'Import CSV')}</Button>
              </Upload>
            )}
          </Space>
        }
      >
        <ProblemAlert error={error ?? latest.error} fields={{ categories: ['分类', 'Categories'], ...rowFields(error) }} />
        {problems.map((p) => <Typography.Paragraph key={p} type="danger" role="alert">{p}</Typography.Paragraph>)}
        {!canEdit && <Typography.Paragraph type="secondary">{t('分类体系由热线管理员发布，此处仅供查看。', 'The tenant administrator publishes the taxonomy; shown here to read.')}</Typography.Paragraph>}
        {draft && (
          <Card size="small" type="inner" style={{ marginBottom: 16 }} data-testid="taxonomy-draft" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t(`待发布：${draft.file}`, `To publish: ${draft.file}`)}</Typography.Title>}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('分类数', 'Categories')}>{draft.rows.length}</Descriptions.Item>
              <Descriptions.Item label={t('新增代码', 'New codes')}>{draft.added.length ? draft.added.join('、') : t('无', 'none')}</Descriptions.Item>
              <Descriptions.Item label={t('将停用的代码', 'Codes it retires')}>
                <span data-testid="taxonomy-draft-retired">{draft.retired.length ? draft.retired.join('、') : t('无', 'none')}</span>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
              {t('停用的代码不再用于新的诉求；已按其分类的诉求和派单目录条目保持原分类。发布后显示每个停用代码下的诉求数。', 'Retired codes take no new requests; requests and catalog entries under them keep them. After publishing, the requests under each are shown.')}
            </Typography.Paragraph>
            <Space>
              <Button type="primary" loading={busy} onClick={() => void publish()}>{t('发布为新版本', 'Publish as a new version')}</Button>
              <Button onClick={() => setDraft(undefined)}>{t('放弃', 'Discard')}</Button>
            </Space>
          </Card>
        )}
        {published && (
          <Card size="small" type="inner" style={{ marginBottom: 16 }} title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t(`第 ${published.version} 版已发布`, `Version ${published.version} published`)}</Typography.Title>}>
            <Table
              data-testid="taxonomy-retired"
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={published.retiredCodes}
              locale={{ emptyText: <Typography.Text>{t('没有停用的代码', 'No code retired')}</Typography.Text> }}
              columns={[
                { title: t('停用的代码', 'Retired code'), dataIndex: 'code' },
                { title: t('使用该代码的诉求数', 'Requests under it'), dataIndex: 'requests', render: (n: number) => (n > 0 ? <Tag style={WARNING_TAG}>{n}</Tag> : n) },
              ]}
            />
          </Card>
        )}
        {tree.length ? (
          <div data-testid="taxonomy-tree">
            <Tree<Node> key={version} aria-label={t('分类树', 'Category tree')} treeData={tree} loadData={({ key }) => loadChildren(String(key))} blockNode />
          </div>
        ) : (
          <Typography.Text type="secondary">{latest.loading ? t('加载中…', 'Loading…') : t('该版本没有分类', 'This version has no categories')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
