// Pieces the oversight pages share (预警, 热点聚类, 督办): the requests behind an alert or a
// cluster as the supervisor reads them (number, title, status — identity masked by intake), a
// pager for the lists analytics pages without a total, and tags that keep 4.5:1 contrast.
import { type ReactNode, useEffect, useState } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { ALERT_SEVERITY_LABELS, type AlertSeverity } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { RequestView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { formatTime, ProblemAlert, StatusTag, useCategories } from './shared';

/** Dark text on the light tag backgrounds (Ant Design's coloured tags fall short of 4.5:1). */
export const SEVERITY_TAG: Record<AlertSeverity, { color: string; background: string; borderColor: string }> = {
  critical: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  high: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffccc7' },
  medium: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  low: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
};

export function SeverityTag({ severity }: { severity: AlertSeverity }) {
  const t = useT();
  return <Tag style={SEVERITY_TAG[severity]}>{t.label(ALERT_SEVERITY_LABELS[severity], severity)}</Tag>;
}

/** Category names by code from intake's taxonomy; an unknown code shows as itself. */
export function useCategoryName(): (code: string | null) => string {
  const categories = useCategories();
  const names = new Map((categories.data?.items ?? []).map((c) => [c.code, c.name]));
  return (code) => (code === null ? '—' : names.get(code) ? `${names.get(code)}（${code}）` : code);
}

/** Requests read once per page visit: an alert's or a cluster's requests do not change their number. */
const briefs = new Map<string, Promise<RequestView>>();
function requestBrief(id: string): Promise<RequestView> {
  let found = briefs.get(id);
  if (!found) {
    found = unwrap<RequestView>(api.intake.GET('/v1/requests/{id}', { params: { path: { id } } }));
    found.catch(() => briefs.delete(id));
    briefs.set(id, found);
  }
  return found;
}

/** The requests of `ids` (at most 50 are kept by an alert), read from intake five at a time. */
export function useRequestBriefs(ids: readonly string[]): { items: Array<{ id: string; request?: RequestView }>; error: unknown } {
  const [items, setItems] = useState<Array<{ id: string; request?: RequestView }>>(() => ids.map((id) => ({ id })));
  const [error, setError] = useState<unknown>();
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    const out = ids.map((id) => ({ id }) as { id: string; request?: RequestView });
    setItems(out);
    const queue = [...ids.entries()];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const [i, id] = job;
        try {
          out[i] = { id, request: await requestBrief(id) };
          if (live) setItems([...out]);
        } catch (err) {
          if (live) setError(err);
        }
      }
    };
    void Promise.all(Array.from({ length: Math.min(5, ids.length) }, worker));
    return () => {
      live = false;
    };
  }, [key]);
  return { items, error };
}

/** The requests behind an alert or a cluster, each linked to its 督办 view; `extra` adds a column's cell. */
export function RequestList({ ids, testId, extra }: { ids: readonly string[]; testId: string; extra?: { title: string; render: (id: string, r?: RequestView) => ReactNode } }) {
  const t = useT();
  const { items, error } = useRequestBriefs(ids);
  return (
    <>
      <ProblemAlert error={error} />
      <Table<{ id: string; request?: RequestView }>
        rowKey="id"
        size="small"
        data-testid={testId}
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        columns={[
          {
            title: t('诉求编号', 'Request'),
            key: 'number',
            render: (_: unknown, i) => (i.request ? <a href={`#/supervision/request/${i.id}`}>{i.request.number}</a> : <Typography.Text type="secondary">{i.id.slice(0, 8)}…</Typography.Text>),
          },
          { title: t('标题', 'Title'), key: 'title', render: (_: unknown, i) => i.request?.title ?? '—' },
          { title: t('状态', 'Status'), key: 'status', render: (_: unknown, i) => (i.request ? <StatusTag status={i.request.status} /> : '—') },
          { title: t('区域', 'Area'), key: 'area', render: (_: unknown, i) => i.request?.areaCode ?? '—' },
          { title: t('受理时间', 'Received'), key: 'received', render: (_: unknown, i) => formatTime(i.request?.receivedAt, t.lang) },
          ...(extra ? [{ title: extra.title, key: 'extra', render: (_: unknown, i: { id: string; request?: RequestView }) => extra.render(i.id, i.request) }] : []),
        ]}
      />
    </>
  );
}

/** Previous/next for a list the server pages without a total: a full page means there may be more. */
export function Pager({ page, shown, pageSize, onChange, t }: { page: number; shown: number; pageSize: number; onChange: (page: number) => void; t: Translate }) {
  return (
    <Space style={{ marginTop: 12 }}>
      <Button size="small" disabled={page <= 1} onClick={() => onChange(page - 1)}>{t('上一页', 'Previous')}</Button>
      <Typography.Text>{t(`第 ${page} 页`, `Page ${page}`)}</Typography.Text>
      <Button size="small" disabled={shown < pageSize} onClick={() => onChange(page + 1)}>{t('下一页', 'Next')}</Button>
    </Space>
  );
}
