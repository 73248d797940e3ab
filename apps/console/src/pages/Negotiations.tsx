// 协商: the dispatcher opens a negotiation among candidate units for a request waiting in the
// queue and, when the candidates do not agree on one lead (or it lapsed), fixes 主办 and 协办;
// a candidate unit's staff answer with their stance and its basis. Dispatch settles and
// dispatches; these panels only send what people decide.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, List, Select, Space, Tag, Typography } from 'antd';
import { NEGOTIATION_STANCE_LABELS, NEGOTIATION_STANCES, NEGOTIATION_STATE_LABELS, type NegotiationStance } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { NegotiationView, Page } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert, useUnits } from './shared';

const STATE_COLOUR = { open: 'processing', settled: 'success', lapsed: 'warning' } as const;

/** The request's negotiation still to settle (open or lapsed), from the dispatcher's list. */
export function useUnsettledNegotiations() {
  return usePolled(async () => {
    const [open, lapsed] = await Promise.all(
      (['open', 'lapsed'] as const).map((state) => unwrap<Page<NegotiationView>>(api.dispatch.GET('/v1/negotiations', { params: { query: { state, limit: 100 } } }))),
    );
    return new Map([...(open?.items ?? []), ...(lapsed?.items ?? [])].map((n) => [n.requestId, n]));
  }, []);
}

/** In the queue: open a negotiation among candidates, or follow and settle the one open. */
export function NegotiationPanel({ requestId, negotiation, onDone }: { requestId: string; negotiation?: NegotiationView; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const units = useUnits();
  const [candidates, setCandidates] = useState<string[]>([]);
  const [primary, setPrimary] = useState<string>();
  const [error, setError] = useState<unknown>();
  const name = (id: string) => negotiation?.candidates.find((c) => c.unitId === id)?.unitName ?? units.data?.items.find((u) => u.id === id)?.name ?? id;
  const options = (ids?: string[]) => (units.data?.items ?? []).filter((u) => (!ids || ids.includes(u.id)) && u.active).map((u) => ({ value: u.id, label: u.name }));
  if (!negotiation)
    return (
      <Space wrap>
        <ProblemAlert error={error} fields={{ candidateUnitIds: ['候选单位', 'Candidate units'] }} />
        <Select aria-label={t('协商候选单位', 'Candidate units')} placeholder={t('协商候选单位(2–8个)', 'Candidate units (2–8)')} mode="multiple" style={{ width: 360 }} value={candidates} onChange={setCandidates} options={options()} optionFilterProp="label" />
        <Button
          disabled={candidates.length < 2}
          onClick={() =>
            unwrap(api.dispatch.POST('/v1/negotiations', { body: { requestId, candidateUnitIds: candidates } })).then(() => {
              void message.success(t('已发起协商', 'Negotiation opened'));
              onDone();
            }, setError)
          }
        >
          {t('发起协商', 'Open a negotiation')}
        </Button>
      </Space>
    );
  const stanceOf = (id: string) => negotiation.responses.find((r) => r.unitId === id);
  return (
    <Card size="small" data-testid={`negotiation-${requestId}`} title={<Space>{t('协商', 'Negotiation')}<Tag color={STATE_COLOUR[negotiation.state]}>{t.label(NEGOTIATION_STATE_LABELS[negotiation.state], negotiation.state)}</Tag></Space>}>
      <ProblemAlert error={error} fields={{ primaryUnitId: ['主办单位', 'Primary unit'] }} />
      <Typography.Text>{t('答复期限', 'Answer by')}: {formatTime(negotiation.dueAt, t.lang)}</Typography.Text>
      <List
        size="small"
        dataSource={negotiation.candidateUnitIds}
        renderItem={(id) => {
          const r = stanceOf(id);
          return (
            <List.Item>
              {name(id)}: {r ? `${t.label(NEGOTIATION_STANCE_LABELS[r.stance], r.stance)} — ${r.note}` : t('未答复', 'no answer yet')}
            </List.Item>
          );
        }}
      />
      <Space wrap>
        <Select aria-label={t('议定主办单位', 'Settle the primary unit')} placeholder={t('议定主办单位', 'Primary unit')} style={{ width: 220 }} value={primary} onChange={setPrimary} options={options(negotiation.candidateUnitIds)} />
        <Button
          type="primary"
          disabled={!primary}
          onClick={() =>
            primary &&
            unwrap(
              api.dispatch.POST('/v1/negotiations/{negotiationId}/settlement', {
                params: { path: { negotiationId: negotiation.id } },
                // The other candidates who offered to assist become 协办.
                body: { primaryUnitId: primary, assistingUnitIds: negotiation.responses.filter((r) => r.stance === 'assist' && r.unitId !== primary).map((r) => r.unitId) },
              }),
            ).then(() => {
              void message.success(t('已议定并派单', 'Settled and dispatched'));
              onDone();
            }, setError)
          }
        >
          {t('议定并派单', 'Settle and dispatch')}
        </Button>
      </Space>
    </Card>
  );
}

/** A candidate unit's open negotiations, each answered with a stance and its basis (once). */
export function UnitNegotiations({ unitCode }: { unitCode?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const list = usePolled(() => unwrap<Page<NegotiationView>>(api.dispatch.GET('/v1/negotiations', { params: { query: { state: 'open', limit: 50 } } })), []);
  const [stance, setStance] = useState<Record<string, NegotiationStance>>({});
  const [note, setNote] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const items = list.data?.items ?? [];
  if (items.length === 0 && !list.error) return null;
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('协商邀请', 'Negotiations')}</Typography.Title>}>
      <ProblemAlert error={list.error ?? error} fields={{ note: ['理由和依据', 'Basis'], stance: ['意见', 'Stance'] }} />
      <List
        dataSource={items}
        renderItem={(n) => {
          const mine = n.responses.find((r) => r.unitCode === unitCode);
          return (
          <List.Item data-testid={`unit-negotiation-${n.request.number}`}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={3}>
                <Descriptions.Item label={t('诉求', 'Request')}>{n.request.number}</Descriptions.Item>
                <Descriptions.Item label={t('标题', 'Title')}>{n.request.title}</Descriptions.Item>
                <Descriptions.Item label={t('答复期限', 'Answer by')}>{formatTime(n.dueAt, t.lang)}</Descriptions.Item>
              </Descriptions>
              {mine ? (
                <Typography.Text>{t('本单位已答复', 'Answered')}: {t.label(NEGOTIATION_STANCE_LABELS[mine.stance], mine.stance)} — {mine.note}</Typography.Text>
              ) : (
              <Space wrap>
                <Select<NegotiationStance>
                  aria-label={t('本单位意见', "This unit's stance")}
                  placeholder={t('本单位意见', "This unit's stance")}
                  style={{ width: 180 }}
                  value={stance[n.id]}
                  onChange={(v) => setStance({ ...stance, [n.id]: v })}
                  options={NEGOTIATION_STANCES.map((s) => ({ value: s, label: t.label(NEGOTIATION_STANCE_LABELS[s], s) }))}
                />
                <Input aria-label={t('理由和依据', 'Basis')} placeholder={t('理由和依据(权责清单、三定规定)', 'Basis (duty list, rules)')} style={{ width: 360 }} value={note[n.id]} onChange={(e) => setNote({ ...note, [n.id]: e.target.value })} />
                <Button
                  type="primary"
                  disabled={!stance[n.id] || !note[n.id]}
                  onClick={() => {
                    const s = stance[n.id];
                    if (!s) return;
                    unwrap(api.dispatch.POST('/v1/negotiations/{negotiationId}/responses', { params: { path: { negotiationId: n.id } }, body: { stance: s, note: note[n.id] ?? '' } })).then(() => {
                      void message.success(t('已答复协商', 'Answered'));
                      list.reload();
                    }, setError);
                  }}
                >
                  {t('答复', 'Answer')}
                </Button>
              </Space>
              )}
            </Space>
          </List.Item>
          );
        }}
      />
    </Card>
  );
}
