// What the agent desk asks the platform while a contact is typed: classification suggestions,
// knowledge articles, duplicate candidates and the units the catalog would choose. Each question
// is asked once the agent pauses (~300 ms), and an answer to an older draft is dropped (its
// request aborted), so the panel never shows hints for text that is no longer there.
import { useEffect, useRef, useState } from 'react';
import type { RequestType } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { CatalogMatchView, ClassificationSuggestionView, DuplicateProbeView, KnowledgeHitView } from '../api/views';

/** The contact as typed so far. */
export interface DeskDraft {
  phone?: string;
  title?: string;
  content?: string;
  areaCode?: string;
  /** The chosen category, level 1 down. */
  categoryPath?: string[];
  requestType?: RequestType;
}

export interface Hint<T> {
  data: T | undefined;
  error: unknown;
}

/** Hints start once the content says something: shorter text gives noise, not help. */
export const MIN_CONTENT_CHARS = 6;
export const DEBOUNCE_MS = 300;
const KNOWLEDGE_HITS = 5;
// The search's own limit on its query (knowledge.schemas.ts SearchQuery).
const MAX_QUERY_CHARS = 200;
const PHONE = /^[0-9+-]{5,20}$/;

const chars = (s: string | undefined) => Array.from(s?.trim() ?? '');
const hasContent = (d: DeskDraft) => chars(d.content).length >= MIN_CONTENT_CHARS;

/**
 * Runs `query` `delayMs` after `key` last changed (undefined: nothing to ask, the hint is
 * cleared), aborting the question asked for an earlier key. The key says what the query reads.
 */
export function useDebouncedQuery<T>(key: string | undefined, query: (signal: AbortSignal) => Promise<T>, delayMs = DEBOUNCE_MS): Hint<T> {
  const [hint, setHint] = useState<Hint<T>>({ data: undefined, error: undefined });
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    if (key === undefined) {
      setHint({ data: undefined, error: undefined });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      latest.current(controller.signal).then(
        (data) => controller.signal.aborted || setHint({ data, error: undefined }),
        (error: unknown) => controller.signal.aborted || setHint((h) => ({ data: h.data, error })),
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delayMs]);
  return hint;
}

export function useClassificationHint(d: DeskDraft): Hint<ClassificationSuggestionView> {
  const body = { content: d.content?.trim() ?? '', ...(d.title?.trim() ? { title: d.title.trim() } : {}) };
  return useDebouncedQuery(hasContent(d) ? JSON.stringify(body) : undefined, (signal) =>
    unwrap<ClassificationSuggestionView>(api.intake.POST('/v1/classification/suggestions', { body, signal })),
  );
}

export function useKnowledgeHint(d: DeskDraft): Hint<KnowledgeHitView[]> {
  const q = chars(`${d.title?.trim() ?? ''} ${d.content?.trim() ?? ''}`).slice(0, MAX_QUERY_CHARS).join('').trim();
  return useDebouncedQuery(hasContent(d) ? q : undefined, (signal) =>
    unwrap<{ items: KnowledgeHitView[] }>(api.intake.GET('/v1/knowledge/search', { params: { query: { q, limit: KNOWLEDGE_HITS } }, signal })).then((r) => r.items),
  );
}

/** The probe needs the area (same-area candidates); the phone is sent only once it is a whole number. */
export function useDuplicateHint(d: DeskDraft): Hint<DuplicateProbeView> {
  const phone = d.phone?.trim();
  const body = {
    ...(phone && PHONE.test(phone) ? { requester: { phone } } : {}),
    ...(d.title?.trim() ? { title: d.title.trim() } : {}),
    content: d.content?.trim() ?? '',
    areaCode: d.areaCode ?? '',
    ...(d.categoryPath?.length ? { categoryCode: d.categoryPath.at(-1) } : {}),
  };
  return useDebouncedQuery(hasContent(d) && d.areaCode ? JSON.stringify(body) : undefined, (signal) =>
    unwrap<DuplicateProbeView>(api.intake.POST('/v1/duplicate-candidates', { body, signal })),
  );
}

/** The catalog's units for a category (level 1 down to it) and area; asked at once (these change by a pick, not by typing). */
export function useCatalogHint(categoryPath: string[] | undefined, areaCode: string | undefined, requestType: RequestType | undefined): Hint<CatalogMatchView> {
  const categoryCode = categoryPath?.at(-1);
  const query = {
    categoryCode: categoryCode ?? '',
    areaCode: areaCode ?? '',
    categoryPath: categoryPath?.join(','),
    ...(requestType ? { requestType } : {}),
  };
  return useDebouncedQuery(categoryCode && areaCode ? JSON.stringify(query) : undefined, (signal) =>
    unwrap<CatalogMatchView>(api.dispatch.GET('/v1/catalog/match', { params: { query }, signal })),
  0);
}
