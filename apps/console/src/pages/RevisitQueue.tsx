// 回访: the requests whose answers passed review, waiting for the call back; record the method,
// whether it was resolved and the requester's satisfaction (the valid evaluation the rates count).
import { useState } from 'react';
import { App, Button, Card, Form, Radio, Select, Table, Typography } from 'antd';
import { REVISIT_METHOD_LABELS, REVISIT_METHODS, SATISFACTION_LABELS, SATISFACTION_LEVELS } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/revisit';
import type { Page, PendingRevisitView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { RedoJudgements } from './RedoJudgement';
import { formatTime, ProblemAlert } from './shared';

type Outcome = Omit<paths['/v1/revisits']['post']['requestBody']['content']['application/json'], 'requestId'>;

function RevisitForm({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  return (
    <div data-testid={`revisit-${requestId}`}>
    <Form<Outcome>
      layout="inline"
      aria-label={t('回访结果', 'Revisit outcome')}
      initialValues={{ method: 'phone', resolved: true, satisfaction: 'satisfied' }}
      onFinish={(v) => {
        setError(undefined);
        unwrap(api.revisit.POST('/v1/revisits', { body: { requestId, ...v } })).then(
          () => {
            void message.success(t('回访已记录', 'Revisit recorded'));
            onDone();
          },
          setError,
        );
      }}
    >
      <ProblemAlert error={error} />
      <Form.Item name="method" label={t('方式', 'Method')} htmlFor={`method-${requestId}`}>
        <Select id={`method-${requestId}`} style={{ width: 110 }} options={REVISIT_METHODS.map((m) => ({ value: m, label: t.label(REVISIT_METHOD_LABELS[m], m) }))} />
      </Form.Item>
      <Form.Item name="resolved" label={t('是否解决', 'Resolved')}>
        <Radio.Group options={[{ value: true, label: t('已解决', 'Yes') }, { value: false, label: t('未解决', 'No') }]} />
      </Form.Item>
      <Form.Item name="satisfaction" label={t('满意度', 'Satisfaction')} htmlFor={`satisfaction-${requestId}`}>
        <Select id={`satisfaction-${requestId}`} style={{ width: 130 }} options={SATISFACTION_LEVELS.map((s) => ({ value: s, label: t.label(SATISFACTION_LABELS[s], s) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('记录回访', 'Record')}</Button>
    </Form>
    </div>
  );
}

export function RevisitQueue() {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = usePolled(() => unwrap<Page<PendingRevisitView>>(api.revisit.GET('/v1/revisits/pending', { params: { query: { limit: 20, offset: (page - 1) * 20 } } })), [page]);
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('待回访', 'Waiting for revisit')}</Typography.Title>}>
      <ProblemAlert error={list.error} />
      <RedoJudgements />
      <Table<PendingRevisitView>
        rowKey="requestId"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (r) => <RevisitForm requestId={r.requestId} onDone={list.reload} />, expandedRowKeys: (list.data?.items ?? []).map((r) => r.requestId), showExpandColumn: false }}
        columns={[
          { title: t('诉求', 'Request'), dataIndex: 'requestId' },
          { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', render: (v: string) => formatTime(v, t.lang) },
        ]}
      />
    </Card>
  );
}
