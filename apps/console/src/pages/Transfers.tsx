// 转办 between the hotlines of the province (ADR 0027): the dispatcher offers a queued request to
// another hotline; the receiving hotline's dispatcher accepts it (it joins their queue under the
// same number) or returns it with the reason.
import { useState } from 'react';
import { App, Button, Card, Input, List, Select, Space, Tag, Typography } from 'antd';
import { TRANSFER_STATE_LABELS } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { Page, TransferView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

/** In a queued request's row: offer it to another hotline of the province. */
export function TransferPanel({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const destinations = usePolled(() => unwrap<{ items: Array<{ code: string; name: string }> }>(api.intake.GET('/v1/transfers/destinations')), [], 300_000);
  const [toTenant, setToTenant] = useState<string>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const offer = () =>
    unwrap(api.intake.POST('/v1/requests/{id}/transfers', { params: { path: { id: requestId } }, body: { toTenant: toTenant ?? '', reason } })).then(() => {
      void message.success(t('已转办，待对方接收', 'Offered; waiting for the other hotline'));
      onDone();
    }, setError);
  return (
    <Space wrap>
      <ProblemAlert error={error} fields={{ toTenant: ['转办热线', 'Receiving hotline'], reason: ['转办理由', 'Reason'] }} />
      <Select aria-label={t('转办热线', 'Receiving hotline')} placeholder={t('转办至（本省热线）', 'Transfer to (a hotline of the province)')} style={{ width: 240 }} value={toTenant} onChange={setToTenant}
        options={(destinations.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))} optionFilterProp="label" showSearch />
      <Input aria-label={t('转办理由', 'Reason')} placeholder={t('转办理由（如属地不符）', 'Reason (e.g. another city’s territory)')} style={{ width: 280 }} value={reason} onChange={(e) => setReason(e.target.value)} />
      <Button disabled={!toTenant || !reason.trim()} onClick={() => void offer()}>{t('转办', 'Transfer')}</Button>
    </Space>
  );
}

/** Above the queue: the requests other hotlines offered to this one, to accept or return. */
export function IncomingTransfers({ onDecided }: { onDecided: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const list = usePolled(() => unwrap<Page<TransferView>>(api.intake.GET('/v1/transfers', { params: { query: { direction: 'incoming', state: 'offered', limit: 50 } } })), []);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const done = (text: string) => () => {
    void message.success(text);
    list.reload();
    onDecided();
  };
  if (!list.data?.items.length) return null;
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={<Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>{t('待接收的转办', 'Incoming transfers')}</Typography.Title>}>
      <ProblemAlert error={error ?? list.error} fields={{ reason: ['退回理由', 'Reason'] }} />
      <List
        size="small"
        dataSource={list.data.items}
        renderItem={(x) => (
          <List.Item key={x.id} data-testid={`incoming-transfer-${x.number}`}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{x.number}</Typography.Text>
                <Tag>{t.label(TRANSFER_STATE_LABELS[x.state], x.state)}</Tag>
                <span>{t('来自', 'From')} {x.counterpartTenant} · {formatTime(x.offeredAt, t.lang)}</span>
              </Space>
              <span>{x.request.title}：{x.request.content}</span>
              <span>{t('转办理由', 'Reason')}：{x.reason}</span>
              <Space wrap>
                <Button type="primary" onClick={() => void unwrap(api.intake.POST('/v1/transfers/{id}/acceptance', { params: { path: { id: x.id } } })).then(done(t('已接收', 'Accepted')), setError)}>
                  {t('接收', 'Accept')}
                </Button>
                <Input aria-label={t('退回理由', 'Reason for returning')} placeholder={t('退回理由', 'Reason for returning')} style={{ width: 260 }} value={notes[x.id] ?? ''} onChange={(e) => setNotes({ ...notes, [x.id]: e.target.value })} />
                <Button danger disabled={!notes[x.id]?.trim()} onClick={() => void unwrap(api.intake.POST('/v1/transfers/{id}/return', { params: { path: { id: x.id } }, body: { reason: notes[x.id] ?? '' } })).then(done(t('已退回', 'Returned')), setError)}>
                  {t('退回', 'Return')}
                </Button>
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
