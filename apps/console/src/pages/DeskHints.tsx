// The agent desk's hints beside the contact form (issues 14 and 16): the category the platform
// suggests and the units its catalog would choose, knowledge articles to answer from, and
// earlier requests the contact may repeat. Every hint is an offer: nothing here changes the form
// until the agent takes it (Alt+1/2/3, Alt+K then Enter, 并单), and a hint that fails only says so.
import { Button, Card, Space, Tag, Typography } from 'antd';
import type { KeyboardEvent, ReactNode, Ref } from 'react';
import {
  DUPLICATE_MATCH_REASON_LABELS,
  REQUEST_STATUS_LABELS,
  REQUEST_TYPE_LABELS,
  TERMINATION_REASON_LABELS,
  URGENCY_LABELS,
  isClosedStatus,
} from '@hotline/vocabulary';
import type { CatalogMatchView, ClassificationSuggestionView, DuplicateProbeView, KnowledgeHitView, TerminatedMatchView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { type Hint, MIN_CONTENT_CHARS } from './desk-hints';
import { formatTime } from './shared';

export type DuplicateCandidate = DuplicateProbeView['items'][number];

export interface DeskHintsProps {
  contentReady: boolean;
  areaChosen: boolean;
  classification: Hint<ClassificationSuggestionView>;
  /** The category the catalog was asked about: the agent's, or the top suggestion until the agent chooses. */
  catalogCategory?: { label: string; suggested: boolean };
  catalog: Hint<CatalogMatchView>;
  knowledge: Hint<KnowledgeHitView[]>;
  duplicates: Hint<DuplicateProbeView>;
  taken: { category?: string; articleId?: string; duplicateOf?: string; terminatedRequestId?: string };
  onApply: (index: number) => void;
  onPickArticle: (hit: KnowledgeHitView) => void;
  onMerge: (candidate: DuplicateCandidate) => void;
  onTerminated: (match: TerminatedMatchView) => void;
  knowledgeListRef: Ref<HTMLUListElement>;
  duplicateListRef: Ref<HTMLUListElement>;
}

const percent = (p: number) => (p < 0.005 ? '<1%' : `${Math.round(p * 100)}%`);
const listStyle = { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 6 } as const;
const itemButton = { height: 'auto', whiteSpace: 'normal', textAlign: 'left', justifyContent: 'flex-start', width: '100%', padding: '4px 8px' } as const;

/** Up and down move between the buttons of a hint list (Tab leaves it); Enter takes the focused one. */
function arrowKeys(e: KeyboardEvent<HTMLUListElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-hint-item]:not([disabled])'));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

function Section({ title, shortcut, children }: { title: string; shortcut?: string; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 0 }}>
        {title} {shortcut && <Typography.Text keyboard style={{ fontWeight: 'normal' }}>{shortcut}</Typography.Text>}
      </Typography.Title>
      {children}
    </section>
  );
}

/** A hint that could not be had: a quiet line, registration goes on as before. */
function Unavailable({ error, what }: { error: unknown; what: string }) {
  const t = useT();
  if (!error) return null;
  return (
    <Typography.Paragraph type="secondary" role="status" data-testid="hint-unavailable" style={{ fontSize: 12, marginBottom: 4 }}>
      {t(`${what}暂不可用，不影响登记`, `${what} unavailable; registration is not affected`)}
    </Typography.Paragraph>
  );
}

const Muted = ({ children }: { children: ReactNode }) => <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>{children}</Typography.Paragraph>;

function Classification({ p, t }: { p: DeskHintsProps; t: Translate }) {
  const s = p.classification.data;
  return (
    <Section title={t('分类建议', 'Suggested category')} shortcut="Alt+1/2/3">
      <Unavailable error={p.classification.error} what={t('分类建议', 'Suggestions ')} />
      {!p.contentReady && <Muted>{t(`诉求内容满 ${MIN_CONTENT_CHARS} 个字后给出建议`, `Suggestions from ${MIN_CONTENT_CHARS} characters of content`)}</Muted>}
      {p.contentReady && s && (
        <>
          {s.modelVersion === null && <Muted>{t('本热线尚无分类模型，仅建议类型与紧急程度', 'No model yet: type and urgency only')}</Muted>}
          <ul style={listStyle} data-testid="category-suggestions" aria-label={t('分类建议', 'Suggested categories')}>
            {s.categories.map((c, i) => (
              <li key={c.code}>
                <Button data-hint-item style={itemButton} type={p.taken.category === c.code ? 'primary' : 'default'} aria-keyshortcuts={`Alt+${i + 1}`} onClick={() => p.onApply(i)}>
                  <span>
                    {/* Plain text, not <kbd>: its grey box loses contrast on the primary (taken) button. */}
                    <span style={{ fontFamily: 'monospace', fontSize: 12 }}>[Alt+{i + 1}]</span> {c.path.map((n) => n.name).join(' / ')} <strong>{percent(c.probability)}</strong>
                    <br />
                    <span style={{ fontSize: 12 }}>{t('依据', 'From')}：{c.terms.length ? c.terms.join('、') : '—'}</span>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
          <Muted>
            {t('类型', 'Type')}：{t.label(REQUEST_TYPE_LABELS[s.requestType.code], s.requestType.code)}
            {s.requestType.cues.length ? `（${s.requestType.cues.join('、')}）` : t('（无关键词）', ' (no cue)')}
            {' · '}
            {t('紧急程度', 'Urgency')}：{t.label(URGENCY_LABELS[s.urgency.code], s.urgency.code)}
            {s.urgency.cues.length ? `（${s.urgency.cues.join('、')}）` : ''}
          </Muted>
        </>
      )}
      <Catalog p={p} t={t} />
    </Section>
  );
}

function unitName(u: { code: string | null; name: string | null }) {
  return u.name ?? u.code ?? '—';
}

function Catalog({ p, t }: { p: DeskHintsProps; t: Translate }) {
  const m = p.catalog.data;
  return (
    <div data-testid="catalog-units" style={{ marginTop: 8 }}>
      <Typography.Text strong style={{ fontSize: 13 }}>{t('派单目录承办单位', 'Units from the dispatch catalog')}</Typography.Text>
      <Unavailable error={p.catalog.error} what={t('派单目录', 'Catalog ')} />
      {!p.catalogCategory || !p.areaChosen ? (
        <Muted>{t('选择分类与区域后显示', 'Shown once category and area are chosen')}</Muted>
      ) : (
        m && (
          <Muted>
            {p.catalogCategory.label}
            {p.catalogCategory.suggested ? t('（建议）', ' (suggested)') : ''}：
            {m.matched && m.primary ? (
              <>
                {t('主办', 'Lead')} <Typography.Text strong>{unitName(m.primary)}</Typography.Text>
                {m.assisting.length > 0 && <> · {t('协办', 'Assisting')} {m.assisting.map(unitName).join('、')}</>}
                {m.entry?.firstResponsible && <> · {t('首接负责', 'First responsible')}</>}
              </>
            ) : (
              t('目录未匹配，将由派单员人工派单', 'No catalog entry: a dispatcher will route it')
            )}
          </Muted>
        )
      )}
    </div>
  );
}

function Knowledge({ p, t }: { p: DeskHintsProps; t: Translate }) {
  const hits = p.knowledge.data ?? [];
  return (
    <Section title={t('知识库', 'Knowledge base')} shortcut="Alt+K">
      <Unavailable error={p.knowledge.error} what={t('知识库', 'Knowledge base ')} />
      {p.contentReady && p.knowledge.data && hits.length === 0 && <Muted>{t('没有相关的知识', 'No matching article')}</Muted>}
      <ul ref={p.knowledgeListRef} style={listStyle} data-testid="knowledge-hits" aria-label={t('知识库条目', 'Knowledge articles')} onKeyDown={arrowKeys}>
        {p.contentReady &&
          hits.map((h) => (
            <li key={h.articleId}>
              <Button data-hint-item style={itemButton} type={p.taken.articleId === h.articleId ? 'primary' : 'default'} aria-pressed={p.taken.articleId === h.articleId} onClick={() => p.onPickArticle(h)}>
                <span>
                  <strong>{h.title}</strong>
                  <br />
                  <span style={{ fontSize: 12 }}>{h.issuingUnit} · {h.excerpt.slice(0, 60)}…</span>
                </span>
              </Button>
            </li>
          ))}
      </ul>
    </Section>
  );
}

function Duplicates({ p, t }: { p: DeskHintsProps; t: Translate }) {
  const found = p.duplicates.data;
  const ready = p.contentReady && p.areaChosen;
  // A terminated request is offered once, as the terminated matter it is (it takes no repeat).
  const terminatedIds = new Set(found?.terminatedMatches.map((m) => m.requestId));
  const candidates = found?.items.filter((c) => !terminatedIds.has(c.requestId)) ?? [];
  return (
    <Section title={t('重复诉求', 'Possible repeats')} shortcut="Alt+D">
      <Unavailable error={p.duplicates.error} what={t('重复诉求查找', 'Duplicate search ')} />
      {!ready && <Muted>{t('填写区域和内容后查找（同一来电号码、相似内容、同一区域）', 'Searched once area and content are given (same phone, similar text, same area)')}</Muted>}
      {ready && found && candidates.length === 0 && found.terminatedMatches.length === 0 && <Muted>{t('没有疑似重复的诉求', 'No likely repeat')}</Muted>}
      <ul ref={p.duplicateListRef} style={listStyle} data-testid="duplicate-candidates" aria-label={t('疑似重复诉求', 'Possible repeats')} onKeyDown={arrowKeys}>
        {ready &&
          candidates.map((c) => {
            const merged = p.taken.duplicateOf === c.requestId;
            return (
              <li key={c.requestId} data-testid={`duplicate-${c.number}`} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 6 }}>
                <Typography.Text strong>{c.number}</Typography.Text> <Tag>{t.label(REQUEST_STATUS_LABELS[c.status], c.status)}</Tag>
                <div style={{ fontSize: 12 }}>{c.title} · {formatTime(c.receivedAt, t.lang)}</div>
                <div>{c.reasons.map((r) => <Tag key={r} color="blue">{t.label(DUPLICATE_MATCH_REASON_LABELS[r], r)}</Tag>)}</div>
                <Button data-hint-item size="small" type={merged ? 'primary' : 'default'} aria-pressed={merged} disabled={isClosedStatus(c.status)} title={isClosedStatus(c.status) ? t('已办结的诉求不能并单', 'A closed request takes no repeat') : undefined} onClick={() => p.onMerge(c)} style={{ marginTop: 4 }}>
                  {merged ? t('已选择并单', 'Merging') : t('并单', 'Merge')}
                </Button>
              </li>
            );
          })}
        {ready &&
          found?.terminatedMatches.map((m) => {
            const taken = p.taken.terminatedRequestId === m.requestId;
            return (
              <li key={m.requestId} data-testid={`terminated-${m.number}`} style={{ border: '1px solid #ffe7ba', borderRadius: 6, padding: 6 }}>
                <Typography.Text strong>{m.number}</Typography.Text> <Tag>{t('已终结', 'Terminated')}</Tag>
                <div style={{ fontSize: 12 }}>{m.title} · {t.label(TERMINATION_REASON_LABELS[m.termination.reasonCode], m.termination.reasonCode)}</div>
                <div style={{ fontSize: 12 }}>{t('告知途径', 'Legal route')}：{m.termination.legalRoute}</div>
                <Button data-hint-item size="small" type={taken ? 'primary' : 'default'} aria-pressed={taken} onClick={() => p.onTerminated(m)} style={{ marginTop: 4 }}>
                  {t('按已终结事项答复', 'Answer as terminated matter')}
                </Button>
              </li>
            );
          })}
      </ul>
    </Section>
  );
}

function Shortcuts({ t }: { t: Translate }) {
  const keys: Array<[string, string, string]> = [
    ['Alt+1 / 2 / 3', '采用第 1–3 个分类建议', 'Apply suggestion 1–3'],
    ['Alt+K', '进入知识库，↑↓ 选择，Enter 采用', 'Knowledge list: ↑↓ to move, Enter to answer from it'],
    ['Alt+D', '进入重复诉求，Enter 并单', 'Repeats: Enter merges'],
    ['Ctrl+Enter', '登记', 'Register'],
    ['Esc', '清空', 'Clear'],
  ];
  return (
    <Section title={t('快捷键', 'Shortcuts')}>
      <Space direction="vertical" size={2} data-testid="desk-shortcuts">
        {keys.map(([k, zh, en]) => (
          <span key={k} style={{ fontSize: 12 }}>
            <Typography.Text keyboard>{k}</Typography.Text> {t(zh, en)}
          </span>
        ))}
      </Space>
    </Section>
  );
}

export function DeskHints(props: DeskHintsProps) {
  const t = useT();
  return (
    <Card
      data-testid="desk-hints"
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('来电提示', 'Hints')}</Typography.Title>}
      styles={{ body: { paddingTop: 12 } }}
    >
      <Classification p={props} t={t} />
      <Knowledge p={props} t={t} />
      <Duplicates p={props} t={t} />
      <Shortcuts t={t} />
    </Card>
  );
}
