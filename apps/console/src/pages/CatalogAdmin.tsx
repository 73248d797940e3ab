// 派单目录 (tenant admin): the published dispatch catalog, its versions, a CSV import that shows
// the difference from the published version before it is published as the next version, and
// the CSV export of what is published.
import { useState } from 'react';
import { App, Badge, Button, Card, InputNumber, Space, Table, Typography, Upload } from 'antd';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/dispatch';
import type { CatalogView, UnitView } from '../api/views';
import { catalogCsv, parseCatalogCsv } from '../catalog-csv';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert, useUnits } from './shared';

type CatalogBody = paths['/v1/catalog']['put']['requestBody']['content']['application/json'];
type Entry = CatalogBody['entries'][number];
interface DiffRow {
  key: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  categoryCode: string;
  areaCode: string;
  before?: string;
  after?: string;
}

const entryKey = (e: { categoryCode: string; areaCode: string }) => `${e.categoryCode}@${e.areaCode}`;

function describe(e: Entry | CatalogView['entries'][number], units: UnitView[]): string {
  const name = (id: string) => units.find((u) => u.id === id)?.code ?? id;
  return [name(e.primaryUnitId), ...(e.assistingUnitIds ?? []).map((id) => `+${name(id)}`)].join(' ');
}

function diff(before: CatalogView['entries'], after: Entry[], units: UnitView[]): DiffRow[] {
  const old = new Map(before.map((e) => [entryKey(e), describe(e, units)]));
  const rows: DiffRow[] = after.map((e) => {
    const was = old.get(entryKey(e));
    const now = describe(e, units);
    old.delete(entryKey(e));
    return { key: entryKey(e), categoryCode: e.categoryCode, areaCode: e.areaCode, before: was, after: now, change: was === undefined ? 'added' : was === now ? 'same' : 'changed' };
  });
  for (const [key, was] of old) {
    const [categoryCode = '', areaCode = ''] = key.split('@');
    rows.push({ key, categoryCode, areaCode, before: was, change: 'removed' });
  }
  return rows;
}

export function CatalogAdmin() {
  const t = useT();
  const { message } = App.useApp();
  const units = useUnits();
  const unitList = units.data?.items ?? [];
  const [version, setVersion] = useState<number>();
  const catalog = usePolled(
    () => unwrap<CatalogView>(version ? api.dispatch.GET('/v1/catalog/versions/{version}', { params: { path: { version: String(version) } } }) : api.dispatch.GET('/v1/catalog')),
    [version],
  );
  const [draft, setDraft] = useState<Entry[]>();
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();

  const readCsv = async (file: File) => {
    setError(undefined);
    const { rows, problems: found } = parseCatalogCsv(await file.text());
    const byCode = new Map(unitList.map((u) => [u.code, u.id]));
    const unknown = rows.flatMap((r) => [r.primaryUnit, ...r.assistingUnits].filter((c) => !byCode.has(c)).map((c) => t(`第 ${r.line} 行：没有单位 ${c}`, `line ${r.line}: no unit ${c}`)));
    setProblems([...found, ...unknown]);
    setDraft(found.length || unknown.length ? undefined : rows.map((r) => ({ categoryCode: r.categoryCode, areaCode: r.areaCode, primaryUnitId: byCode.get(r.primaryUnit) ?? '', assistingUnitIds: r.assistingUnits.map((c) => byCode.get(c) ?? '') })));
  };

  const publish = async () => {
    if (!draft) return;
    setError(undefined);
    try {
      const published = await unwrap<CatalogView>(api.dispatch.PUT('/v1/catalog', { body: { entries: draft } }));
      void message.success(t(`已发布第 ${published.version} 版`, `Published version ${published.version}`));
      setDraft(undefined);
      setVersion(undefined);
      catalog.reload();
    } catch (err) {
      setError(err);
    }
  };

  const exportCsv = () => {
    const code = (id: string) => unitList.find((u) => u.id === id)?.code ?? id;
    const text = catalogCsv((catalog.data?.entries ?? []).map((e) => ({ categoryCode: e.categoryCode, areaCode: e.areaCode, primaryUnit: code(e.primaryUnitId), assistingUnits: e.assistingUnitIds.map(code) })));
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    a.download = `dispatch-catalog-v${catalog.data?.version ?? 0}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const c = catalog.data;
  const changeTag = { added: ['success', t('新增', 'added')], removed: ['error', t('删除', 'removed')], changed: ['warning', t('变更', 'changed')], same: ['default', t('不变', 'same')] } as const;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('派单目录', 'Dispatch catalog')} <span data-testid="catalog-version">{c ? t(`第 ${c.version} 版`, `version ${c.version}`) : ''}</span></Typography.Title>}
        extra={
          <Space>
            <InputNumber aria-label={t('查看版本', 'Show version')} min={1} placeholder={t('版本', 'version')} value={version} onChange={(v) => setVersion(v ?? undefined)} />
            <Button onClick={exportCsv} disabled={!c}>{t('导出 CSV', 'Export CSV')}</Button>
            <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(file) => { void readCsv(file); return false; }}>
              <Button type="primary">{t('导入 CSV', 'Import CSV')}</Button>
            </Upload>
          </Space>
        }
      >
        <ProblemAlert error={error ?? catalog.error} fields={{ entries: ['目录条目', 'Entries'] }} />
        {problems.map((p) => <Typography.Paragraph key={p} type="danger" role="alert">{p}</Typography.Paragraph>)}
        {c && <Typography.Paragraph type="secondary">{t('发布于', 'Published')} {formatTime(c.publishedAt, t.lang)} · {c.publishedBy}</Typography.Paragraph>}
        {draft && c && (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
            <Typography.Title level={3} style={{ fontSize: 16 }}>{t('导入内容与已发布版本的差异', 'The import against the published version')}</Typography.Title>
            <Table<DiffRow> rowKey="key" size="small" pagination={false} dataSource={diff(c.entries, draft, unitList)} columns={[
              { title: t('变化', 'Change'), dataIndex: 'change', render: (v: DiffRow['change']) => <Badge status={changeTag[v][0]} text={changeTag[v][1]} /> },
              { title: t('分类', 'Category'), dataIndex: 'categoryCode' },
              { title: t('区域', 'Area'), dataIndex: 'areaCode' },
              { title: t('原承办', 'Before'), dataIndex: 'before' },
              { title: t('新承办', 'After'), dataIndex: 'after' },
            ]} />
            <Space>
              <Button type="primary" onClick={() => void publish()}>{t('发布为新版本', 'Publish as a new version')}</Button>
              <Button onClick={() => setDraft(undefined)}>{t('放弃', 'Discard')}</Button>
            </Space>
          </Space>
        )}
        <Table
          rowKey={(e) => entryKey(e)}
          size="small"
          loading={catalog.loading && !c}
          dataSource={c?.entries}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('分类', 'Category'), dataIndex: 'categoryCode' },
            { title: t('区域', 'Area'), dataIndex: 'areaCode' },
            { title: t('承办单位（+协办）', 'Units (+assisting)'), key: 'units', render: (_: unknown, e: CatalogView['entries'][number]) => describe(e, unitList) },
          ]}
        />
      </Card>
    </Space>
  );
}
