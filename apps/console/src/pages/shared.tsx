// Small pieces the pages share: the red/yellow/green clock of a deadline, the status tag, the
// problem alert in the user's language, and the tenant's categories and units.
import { Alert, Badge, Tag } from 'antd';
import { REQUEST_STATUS_LABELS, type RequestStatus } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import { problemMessage } from '../api/problem';
import type { CategoryPageView, CategoryView, Page, UnitView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';

/** Within this share of a clock's remaining time a deadline shows yellow. */
const YELLOW_WITHIN_MS = 24 * 3600_000;

export function clockState(dueAt: string | null, overdue: boolean, now = Date.now()): 'red' | 'yellow' | 'green' | undefined {
  if (!dueAt) return undefined;
  const left = Date.parse(dueAt) - now;
  if (overdue || left < 0) return 'red';
  return left < YELLOW_WITHIN_MS ? 'yellow' : 'green';
}

export function Clock({ label, dueAt, overdue }: { label: string; dueAt: string | null; overdue: boolean }) {
  const t = useT();
  const state = clockState(dueAt, overdue);
  if (!state || !dueAt) return null;
  const status = ({ red: 'error', yellow: 'warning', green: 'success' } as const)[state];
  const word = { red: t('已超期', 'overdue'), yellow: t('临期', 'due soon'), green: t('正常', 'on time') }[state];
  return <Badge status={status} data-clock={state} text={`${label} ${new Date(dueAt).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en')} · ${word}`} />;
}

export function StatusTag({ status }: { status: RequestStatus }) {
  const t = useT();
  return <Tag color="processing">{t.label(REQUEST_STATUS_LABELS[status], status)}</Tag>;
}

/** The problem in the user's language; `fields` names the fields a 4xx points at ([zh, en]). */
export function ProblemAlert({ error, fields = {} }: { error: unknown; fields?: Record<string, [string, string]> }) {
  const t = useT();
  if (!error) return null;
  const fieldLabel = (f: string) => (fields[f] ? t(...fields[f]) : f);
  return <Alert role="alert" type="error" showIcon title={problemMessage(error, t.lang, fieldLabel)} style={{ marginBottom: 16 }} />;
}

/** The most intake answers in one page of categories. */
const CATEGORY_PAGE = 200;

/**
 * Every category of the latest taxonomy version (of a level, or under a parent, when `filter`
 * says so), read a page at a time: a tenant on the full DB44 taxonomy has hundreds (up to 3,000).
 * The pages after the first name the first one's version, so a taxonomy published in between
 * does not mix two versions.
 */
export async function allCategories(filter: { level?: number; parent?: string } = {}): Promise<{ version: number; items: CategoryView[] }> {
  const first = await unwrap<CategoryPageView>(api.intake.GET('/v1/categories', { params: { query: { ...filter, limit: CATEGORY_PAGE } } }));
  const items = [...first.items];
  while (items.length < first.total) {
    const next = await unwrap<CategoryPageView>(api.intake.GET('/v1/categories', { params: { query: { ...filter, version: first.version, limit: CATEGORY_PAGE, offset: items.length } } }));
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { version: first.version, items };
}

export function useCategories() {
  return usePolled(() => allCategories(), [], 600_000);
}

export function useUnits() {
  return usePolled(() => unwrap<Page<UnitView>>(api.dispatch.GET('/v1/units')), [], 600_000);
}

export const formatTime = (iso: string | null | undefined, lang: 'zh' | 'en') => (iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '—');
