// 催办与督办 on a unit's order page: the hotline's urges of it (reminders, the urging notice and
// the circular, with whether the unit's leader was copied) and its 督办 orders, each with its
// reply due; an open one is answered here (the unit's staff reply once; the hotline closes it).
import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Space, Table, Tag, Typography } from 'antd';
import { SUPERVISION_SOURCE_LABELS, SUPERVISION_STATE_LABELS, URGE_LEVEL_LABELS, URGE_METHOD_LABELS } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { SupervisionView, UrgeView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

function ReplyForm({ supervision, onDone }: { supervision: SupervisionView; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const inputId = `supervision-reply-${supervision.id}`;
  const submit = async ({ reply }: { reply: string }) => {
    setError(undefined);
    try {
      await unwrap(api.handling.POST('/v1/supervision-orders/{id}/reply', { params: { path: { id: supervision.id } }, body: { reply } }));
      void message.success(t('已回复督办', 'Reply sent'));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Form<{ reply: string }> layout="vertical" aria-label={t('回复督办', 'Reply to the supervision order')} onFinish={(v) => void submit(v)}>
      <ProblemAlert error={error} fields={{ reply: ['回复内容', 'Reply'] }} />
      <Form.Item name="reply" label={t('督办回复', 'Reply')} htmlFor={inputId} rules={[{ required: true, message: t('请填写回复内容', 'Enter the reply') }]}>
        <Input.TextArea id={inputId} rows={2} maxLength={4000} />
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('提交督办回复', 'Send the reply')}</Button>
    </Form>
  );
}

export function OrderSupervision({ workOrderId }: { workOrderId: string }) {
  const t = useT();
  const urges = usePolled(
    () => unwrap<{ items: UrgeView[] }>(api.handling.GET('/v1/work-orders/{id}/urges', { params: { path: { id: workOrderId } } })),
    [workOrderId],
  );
  const supervisions = usePolled(
    () => unwrap<{ items: SupervisionView[] }>(api.handling.GET('/v1/supervision-orders', { params: { query: { workOrderId, limit: 50, offset: 0 } } })),
    [workOrderId],
  );
  return (
    <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('催办与督办', 'Urging and supervision')}</Typography.Title>}>
      <ProblemAlert error={urges.error ?? supervisions.error} />
      <Table<UrgeView>
        rowKey="id"
        size="small"
        data-testid="order-urges"
        pagination={false}
        dataSource={urges.data?.items}
        locale={{ emptyText: <Typography.Text>{t('尚无催办', 'Not urged')}</Typography.Text> }}
        columns={[
          { title: t('催办', 'Urge'), key: 'level', render: (_: unknown, u) => t.label(URGE_LEVEL_LABELS[u.level], u.level) },
          { title: t('方式', 'Method'), key: 'method', render: (_: unknown, u) => t.label(URGE_METHOD_LABELS[u.method], u.method) },
          { title: t('时间', 'When'), key: 'at', render: (_: unknown, u) => formatTime(u.urgedAt, t.lang) },
          { title: t('说明', 'Note'), key: 'note', render: (_: unknown, u) => u.note ?? '—' },
          { title: t('抄送单位领导', 'Leader copied'), key: 'leader', render: (_: unknown, u) => (u.copiedToLeader ? t('是', 'Yes') : t('否', 'No')) },
        ]}
      />
      <List<SupervisionView>
        data-testid="order-supervisions"
        dataSource={supervisions.data?.items ?? []}
        locale={{ emptyText: <Typography.Text>{t('尚无督办', 'No supervision orders')}</Typography.Text> }}
        renderItem={(s) => (
          <List.Item key={s.id}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Tag color="red">{t('督办', 'Supervision')}: {t.label(SUPERVISION_SOURCE_LABELS[s.source], s.source)}</Tag>
                <span data-testid={`supervision-state-${s.id}`}>{t.label(SUPERVISION_STATE_LABELS[s.state], s.state)}</span>
                <span>{t('回复期限', 'Reply by')} {formatTime(s.replyDueAt, t.lang)}</span>
                {s.replyOverdue && <Tag color="error">{t('回复逾期', 'Reply late')}</Tag>}
              </Space>
              <Typography.Paragraph style={{ margin: 0 }}>{s.instruction}</Typography.Paragraph>
              {s.reply ? (
                <Typography.Paragraph style={{ margin: 0 }}>{t('回复', 'Reply')}: {s.reply}</Typography.Paragraph>
              ) : (
                s.state === 'open' && <ReplyForm supervision={s} onDone={supervisions.reload} />
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
