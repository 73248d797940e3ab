// 联系诉求人 on a unit's order page (ADR 0030): the requester's masked name and phone; the phone
// revealed for a stated purpose (recorded in intake's access log, capped per user and day — the
// reveals left today are shown, and the refusal once they are used up); or a call through the
// platform's telephony, which takes a single-use reference and never shows the number. Nothing
// for an anonymous or a confidential (保密) request, and nothing once the request left the unit.
import { useState } from 'react';
import { App, Alert, Button, Card, Descriptions, Input, Select, Space, Typography } from 'antd';
import { CONTACT_UNAVAILABLE_REASON_LABELS, REQUESTER_CONTACT_PURPOSE_LABELS, REQUESTER_CONTACT_PURPOSES, type RequesterContactPurpose } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { CallReferenceView, ContactActionView, ContactView, RevealView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';


const CONTACT_FIELDS: Record<string, [string, string]> = { purpose: ['联系用途', 'Purpose'], note: ['备注', 'Note'] };

function Unavailable({ action }: { action: ContactActionView }) {
  const t = useT();
  if (action.possible || !action.reason) return null;
  return <Typography.Text type="secondary">{t.label(CONTACT_UNAVAILABLE_REASON_LABELS[action.reason], action.reason)}</Typography.Text>;
}

export function ContactPanel({ requestId }: { requestId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [purpose, setPurpose] = useState<RequesterContactPurpose>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [revealed, setRevealed] = useState<RevealView>();
  const [reference, setReference] = useState<CallReferenceView>();
  // Only masked data: not audited. Asked again now and then (the reveals left move with every reveal).
  const contact = usePolled(() => unwrap<ContactView>(api.intake.GET('/v1/requests/{id}/contact', { params: { path: { id: requestId } } })), [requestId], 30_000);
  const c = contact.data;
  const act = async (what: (body: { purpose: RequesterContactPurpose; note?: string }) => Promise<void>) => {
    setError(undefined);
    if (!purpose) {
      void message.warning(t('请先选择联系用途', 'Choose the purpose first'));
      document.getElementById('contact-purpose')?.focus();
      return;
    }
    try {
      await what({ purpose, ...(note.trim() ? { note: note.trim() } : {}) });
    } catch (err) {
      setError(err);
    }
    contact.reload();
  };
  const reveal = () =>
    act(async (body) => {
      const r = await unwrap<RevealView>(api.intake.POST('/v1/requests/{id}/contact/reveal', { params: { path: { id: requestId } }, body }));
      setRevealed(r);
      void message.success(t('已显示号码（已留痕）', 'Phone shown (recorded)'));
    });
  const call = () =>
    act(async (body) => {
      setReference(await unwrap<CallReferenceView>(api.intake.POST('/v1/requests/{id}/contact/call-reference', { params: { path: { id: requestId } }, body })));
      void message.success(t('已生成外呼凭证', 'Call reference issued'));
    });
  const remaining = revealed?.remainingToday ?? c?.reveal.remainingToday ?? null;

  return (
    <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('联系诉求人', 'Contact the requester')}</Typography.Title>} loading={!c && !contact.error}>
      <ProblemAlert error={error ?? contact.error} fields={CONTACT_FIELDS} />
      {c && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {c.anonymous && <Alert type="info" showIcon title={t('匿名诉求，无联系方式', 'Anonymous request: nobody to contact')} />}
          {c.confidential && <Alert type="warning" showIcon title={t('保密诉求：承办单位不可见诉求人身份', 'Confidential request: the unit sees no identity')} />}
          {!c.anonymous && !c.confidential && (
            <Descriptions size="small" column={3} bordered>
              <Descriptions.Item label={t('姓名', 'Name')}>{c.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('电话', 'Phone')}>
                <span data-testid="contact-phone">{revealed?.phone ?? c.phone ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('今日剩余查看次数', 'Reveals left today')}>
                <span data-testid="contact-remaining">{remaining === null ? t('不限', 'No cap') : String(remaining)}</span>
              </Descriptions.Item>
            </Descriptions>
          )}
          {(c.reveal.possible || c.call.possible) && (
            <Space wrap>
              <label htmlFor="contact-purpose">{t('联系用途', 'Purpose')}</label>
              <Select<RequesterContactPurpose>
                id="contact-purpose"
                style={{ width: 200 }}
                value={purpose}
                onChange={setPurpose}
                placeholder={t('请选择', 'Choose')}
                options={REQUESTER_CONTACT_PURPOSES.map((p) => ({ value: p, label: t.label(REQUESTER_CONTACT_PURPOSE_LABELS[p], p) }))}
              />
              <Input id="contact-note" aria-label={t('备注（可选，留痕）', 'Note (optional, recorded)')} placeholder={t('备注（可选）', 'Note (optional)')} maxLength={200} style={{ width: 220 }} value={note} onChange={(e) => setNote(e.target.value)} />
              {c.reveal.possible && !revealed && <Button onClick={() => void reveal()}>{t('查看号码（留痕）', 'Show the phone (recorded)')}</Button>}
              {c.call.possible && <Button type="primary" onClick={() => void call()}>{t('通过平台外呼', 'Call through the platform')}</Button>}
            </Space>
          )}
          {(!c.reveal.possible || !c.call.possible) && (
            <Space wrap>
              <Unavailable action={c.reveal} />
              {c.call.reason !== c.reveal.reason && <Unavailable action={c.call} />}
            </Space>
          )}
          {reference && (
            <Alert
              type="success"
              showIcon
              data-testid="call-reference"
              title={t('外呼凭证已生成：在话务系统中使用此凭证拨打，号码不显示', 'Call reference issued: the telephony dials with it; the number stays hidden')}
              description={
                <Space wrap>
                  <Typography.Text code copyable={{ text: reference.reference, tooltips: [t('复制', 'Copy'), t('已复制', 'Copied')] }}>{reference.reference}</Typography.Text>
                  <span>{t('有效期至', 'Valid until')} {formatTime(reference.expiresAt, t.lang)}{t('，仅可使用一次', '; single use')}</span>
                </Space>
              }
            />
          )}
        </Space>
      )}
    </Card>
  );
}
