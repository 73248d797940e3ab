// 协办: what the assisting units gave into the lead's answer (ADR 0026). The lead sees each
// assisting unit's input, or that it still owes it, before answering; the reviewer sees the
// inputs beside the lead's answer.
import { Alert, Descriptions, List, Tag, Typography } from 'antd';
import { WORK_ORDER_STATUS_LABELS } from '@hotline/vocabulary';
import type { AssistingInputView, AssistInputView } from '../api/views';
import { useT } from '../i18n';
import { formatTime } from './shared';

/** On the lead's order: the assisting units' shares; the answer waits for those that owe their input. */
export function AssistingInputs({ inputs }: { inputs: AssistingInputView[] }) {
  const t = useT();
  if (inputs.length === 0) return null;
  const owing = inputs.filter((i) => i.owesInput);
  return (
    <section aria-label={t('协办单位意见', 'Assisting units’ input')}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>{t('协办单位意见', 'Assisting units’ input')}</Typography.Title>
      {owing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={t(`尚待 ${owing.map((i) => i.unitName).join('、')} 提交协办意见，主办单位方可答复`, `Waiting for the input of ${owing.map((i) => i.unitName).join(', ')} before the lead answers`)}
        />
      )}
      <List
        size="small"
        bordered
        dataSource={inputs}
        renderItem={(i) => (
          <List.Item key={i.workOrderId}>
            <List.Item.Meta
              title={<>{i.unitName} <Tag color={i.owesInput ? 'error' : undefined}>{t.label(WORK_ORDER_STATUS_LABELS[i.status], i.status)}</Tag></>}
              description={i.answer ? <>{i.answer}<br />{t('依据', 'Basis')}：{i.basis} · {formatTime(i.answeredAt, t.lang)}</> : i.owesInput ? t(`办理时限 ${formatTime(i.handlingDueAt, t.lang)}`, `Due ${formatTime(i.handlingDueAt, t.lang)}`) : null}
            />
          </List.Item>
        )}
      />
    </section>
  );
}

/** Beside the lead answer under review: the inputs that went into it. */
export function AssistInputsReviewed({ inputs }: { inputs: AssistInputView[] }) {
  const t = useT();
  if (inputs.length === 0) return null;
  return (
    <Descriptions title={t('协办意见（随主办答复复核）', 'Assisting input (reviewed with the lead answer)')} bordered size="small" column={1}>
      {inputs.map((i) => (
        <Descriptions.Item key={i.workOrderId} label={formatTime(i.answeredAt, t.lang)}>
          {i.answer} <Typography.Text type="secondary">（{t('依据', 'Basis')}：{i.basis}）</Typography.Text>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
