// 复核: the answers waiting for review, each with its request beside the answer; pass, or fail
// with the reasons (the unit then reworks it against the original due time).
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { REVIEW_STATUSES, type ReviewStatus } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { Page, RequestView, ReviewView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { AssistInputsReviewed } from './CoHandling';
import { formatTime, ProblemAlert, StatusTag } from './shared';

const REVIEW_STATUS_TEXT: Record<ReviewStatus, [string, string]> = {
  pending: ['待复核', 'Pending'],
  passed: ['已通过', 'Passed'],
  failed: ['未通过', 'Failed'],
  withdrawn: ['已撤回', 'Withdrawn'],
  'assist-input': ['协办意见', 'Assisting input'],
};

function ReviewDetail({ review, onDone }: { review: ReviewView; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const request = usePolled(() => unwrap<RequestView>(api.intake.GET('/v1/requests/{id}', { params: { path: { id: review.requestId } } })), [review.requestId], 60_000);
  const decide = async (passed: boolean) => {
    setError(undefined);
    try {
      await unwrap(api.revisit.POST('/v1/reviews/{id}/decision', { params: { path: { id: review.id } }, body: passed ? { passed } : { passed, reasons: [reason] } }));
      void message.success(passed ? t('复核通过', 'Passed') : t('已退回重办', 'Sent back for rework'));
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const r = request.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ProblemAlert error={error ?? request.error} fields={{ reasons: ['不通过理由', 'Reasons'] }} />
      <Row gutter={16}>
        <Col span={12}>
          <Descriptions title={t('诉求', 'Request')} bordered size="small" column={1}>
            <Descriptions.Item label={t('编号', 'Number')}>{r?.number}</Descriptions.Item>
            <Descriptions.Item label={t('状态', 'Status')}>{r && <StatusTag status={r.status} />}</Descriptions.Item>
            <Descriptions.Item label={t('标题', 'Title')}>{r?.title}</Descriptions.Item>
            <Descriptions.Item label={t('内容', 'Content')}>{r?.content}</Descriptions.Item>
          </Descriptions>
        </Col>
        <Col span={12}>
          <Descriptions title={t('答复', 'Answer')} bordered size="small" column={1}>
            <Descriptions.Item label={t('答复内容', 'Answer')}>{review.answer}</Descriptions.Item>
            <Descriptions.Item label={t('办理依据', 'Basis')}>{review.basis}</Descriptions.Item>
            <Descriptions.Item label={t('联系记录', 'Contact record')}>{review.contactRecord}</Descriptions.Item>
            <Descriptions.Item label={t('答复时间', 'Answered')}>
              {formatTime(review.answeredAt, t.lang)} {review.onTime === false && <Tag color="error">{t('超期答复', 'late')}</Tag>}
            </Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>
      <AssistInputsReviewed inputs={review.assistInputs ?? []} />
      {review.status === 'pending' && (
        <Space>
          <Button type="primary" onClick={() => void decide(true)}>{t('复核通过', 'Pass')}</Button>
          <Input aria-label={t('不通过理由', 'Reason for failing')} placeholder={t('不通过理由', 'Reason for failing')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 320 }} />
          <Button danger disabled={!reason.trim()} onClick={() => void decide(false)}>{t('不通过，退回重办', 'Fail: rework')}</Button>
        </Space>
      )}
    </Space>
  );
}

export function ReviewQueue() {
  const t = useT();
  const [status, setStatus] = useState<ReviewStatus>('pending');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string>();
  const list = usePolled(() => unwrap<Page<ReviewView>>(api.revisit.GET('/v1/reviews', { params: { query: { status, limit: 20, offset: (page - 1) * 20 } } })), [status, page]);
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('复核队列', 'Review queue')}</Typography.Title>}
      extra={<Select<ReviewStatus> aria-label={t('按状态筛选', 'Filter by status')} value={status} style={{ width: 140 }} onChange={(v) => { setStatus(v); setPage(1); }} options={REVIEW_STATUSES.map((s) => ({ value: s, label: t(...REVIEW_STATUS_TEXT[s]) }))} />}
    >
      <ProblemAlert error={list.error} />
      <Table<ReviewView>
        rowKey="id"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        expandable={{
          expandedRowKeys: open ? [open] : [],
          onExpand: (expanded, r) => setOpen(expanded ? r.id : undefined),
          expandedRowRender: (r) => <ReviewDetail review={r} onDone={() => { setOpen(undefined); list.reload(); }} />,
        }}
        columns={[
          { title: t('答复摘要', 'Answer'), dataIndex: 'answer', render: (v: string) => v.slice(0, 40) },
          { title: t('重办次数', 'Reworks'), dataIndex: 'reworkCount' },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (s: ReviewStatus) => t(...REVIEW_STATUS_TEXT[s]) },
          { title: t('提交时间', 'Submitted'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, t.lang) },
          { title: '', key: 'open', render: (_: unknown, r) => <Button size="small" onClick={() => setOpen(open === r.id ? undefined : r.id)}>{t('复核', 'Review')}</Button> },
        ]}
      />
    </Card>
  );
}
