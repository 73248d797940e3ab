// 审签 on a unit's order page, where the tenant requires the leader's sign-off (ADR 0024): the
// operator's answer is a draft until the unit's leader signs it off (it becomes the answer and
// the clock stops then) or returns it with a note; this shows the draft and, to the leader, the
// two decisions.
import { useState } from 'react';
import { App, Alert, Button, Descriptions, Input, Space } from 'antd';
import { api, unwrap } from '../api/client';
import { Problem } from '../api/problem';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

export interface AnswerDraftView {
  state: 'awaiting-sign-off' | 'returned';
  answer: string | null;
  basis: string | null;
  contactRecord: string | null;
  submittedAt: string;
  returnNote: string | null;
}

/** The order's draft, or undefined when there is none (a 404). */
export function useAnswerDraft(workOrderId: string) {
  return usePolled(async () => {
    try {
      return await unwrap<AnswerDraftView>(api.handling.GET('/v1/work-orders/{id}/answer-draft', { params: { path: { id: workOrderId } } }));
    } catch (err) {
      if (err instanceof Problem && err.body.status === 404) return undefined;
      throw err;
    }
  }, [workOrderId]);
}

export function AnswerSignOff({ workOrderId, draft, leader, onDecided }: { workOrderId: string; draft: AnswerDraftView; leader: boolean; onDecided: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const decide = async (call: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await call();
      void message.success(done);
      onDecided();
    } catch (err) {
      setError(err);
    }
  };
  const path = { params: { path: { id: workOrderId } } };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="answer-draft">
      {draft.state === 'returned' ? (
        <Alert type="warning" showIcon title={`${t('负责人退回修改', 'Returned by the leader')}: ${draft.returnNote ?? ''}`} />
      ) : (
        <Alert type="info" showIcon title={`${t('答复待负责人审签', 'The answer awaits the leader’s sign-off')} · ${formatTime(draft.submittedAt, t.lang)}`} />
      )}
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('答复内容', 'Answer')}>{draft.answer}</Descriptions.Item>
        <Descriptions.Item label={t('办理依据', 'Basis')}>{draft.basis}</Descriptions.Item>
        <Descriptions.Item label={t('联系记录', 'Contact record')}>{draft.contactRecord}</Descriptions.Item>
      </Descriptions>
      <ProblemAlert error={error} fields={{ note: ['退回意见', 'Note'] }} />
      {leader && draft.state === 'awaiting-sign-off' && (
        <Space wrap>
          <Button type="primary" onClick={() => void decide(() => unwrap(api.handling.POST('/v1/work-orders/{id}/answer-draft/sign-off', path)), t('已审签，答复已提交', 'Signed off: the answer is sent'))}>
            {t('审签通过', 'Sign it off')}
          </Button>
          <Input aria-label={t('退回意见', 'Why it goes back')} id="draft-return-note" style={{ width: 320 }} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('退回意见', 'Why it goes back')} />
          <Button onClick={() => void decide(() => unwrap(api.handling.POST('/v1/work-orders/{id}/answer-draft/return', { ...path, body: { note } })), t('已退回', 'Returned'))}>
            {t('退回修改', 'Return it')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
