// 退单审核 (dispatcher, supervisor): the units' returns in dispute review, oldest first, each with
// the unit's reason beside the request; ↑/↓ move between them, Enter opens the decision (accept
// with the re-dispatch, or reject with a note), Esc closes it. The tenant's return policy is above.
// dispatch lists and pages them across requests (GET /v1/returns?status=…): in review oldest
// first, decided latest decision first.
import { useState } from 'react';
import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { RETURN_REASON_LABELS, RETURN_STATUS_LABELS, type ReturnStatus } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { Page, ReturnListItemView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { ReturnDecisionPanel } from './ReturnDecision';
import { ReturnPolicyCard, useReturnPolicy } from './ReturnPolicyCard';
import { useRowCursor } from './rowCursor';
import { formatTime, ProblemAlert } from './shared';

type ReturnRow = ReturnListItemView;
// Ant Design's green tag text falls below 4.5:1 contrast: a decided return keeps the plain tag.
const STATUS_COLOUR: Record<ReturnStatus, string> = { 'in-review': 'processing', accepted: 'default', rejected: 'default' };
const PAGE_SIZE = 20;

export function ReturnReview() {
  const t = useT();
  const [filter, setFilter] = useState<ReturnStatus>('in-review');
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<string>();
  const policy = useReturnPolicy();
  const list = usePolled(
    () => unwrap<Page<ReturnRow>>(api.dispatch.GET('/v1/returns', { params: { query: { status: filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } } })),
    [filter, page],
  );
  const shown = list.data?.items;
  const cursor = useRowCursor<ReturnRow>(shown, (r) => r.id, (r) => setOpened(r.id));
  const close = () => {
    setOpened(undefined);
    cursor.focus();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ReturnPolicyCard policy={policy} />
      <Card
        title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('退单审核', 'Return review')}</Typography.Title>}
        extra={
          <Segmented<ReturnStatus>
            aria-label={t('按审核状态筛选', 'Filter by review state')}
            value={filter}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
              setOpened(undefined);
            }}
            options={[
              { value: 'in-review', label: t('争议审核中', 'In dispute review') },
              { value: 'accepted', label: t('已审核 · 成立', 'Decided · accepted') },
              { value: 'rejected', label: t('已审核 · 不成立', 'Decided · rejected') },
            ]}
          />
        }
      >
        <ProblemAlert error={list.error} />
        <Typography.Paragraph type="secondary" data-testid="returns-scope">
          {filter === 'in-review'
            ? t(`本热线争议审核中的退单共 ${list.data?.total ?? 0} 件，先退先审。↑/↓ 选择，Enter 审核。`, `${list.data?.total ?? 0} returns in dispute review, oldest first. ↑/↓ to choose, Enter to decide.`)
            : t(`已审核的退单共 ${list.data?.total ?? 0} 件，最近审核的在前。↑/↓ 选择，Enter 查看。`, `${list.data?.total ?? 0} decided returns, the latest decision first. ↑/↓ to choose, Enter to open.`)}
        </Typography.Paragraph>
        <Table<ReturnRow>
          data-testid="returns"
          rowKey="id"
          size="small"
          loading={list.loading && !list.data}
          dataSource={shown}
          onRow={cursor.onRow}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          expandable={{
            expandedRowKeys: opened ? [opened] : [],
            showExpandColumn: false,
            expandedRowRender: (r) => (
              <ReturnDecisionPanel
                row={r}
                policy={policy.data}
                onClose={close}
                onDone={() => {
                  setOpened(undefined);
                  list.reload();
                }}
              />
            ),
          }}
          columns={[
            { title: t('诉求编号', 'Request'), key: 'number', render: (_: unknown, r) => r.request.number ?? r.requestId },
            { title: t('分类 · 区域', 'Category · area'), key: 'brief', render: (_: unknown, r) => `${r.request.categoryCode ?? '—'} · ${r.request.areaCode ?? '—'}` },
            { title: t('退单单位', 'Unit'), key: 'unit', render: (_: unknown, r) => r.unit.unitName },
            { title: t('退单理由', 'Reason'), key: 'reason', render: (_: unknown, r) => t.label(RETURN_REASON_LABELS[r.reasonCode], r.reasonCode) },
            { title: t('建议承办单位', 'Suggested unit'), key: 'suggested', render: (_: unknown, r) => r.suggestedUnit?.unitName ?? r.suggestedUnit?.unitCode ?? '—' },
            { title: t('理由和依据', 'Basis'), key: 'basis', ellipsis: true, render: (_: unknown, r) => r.basis },
            { title: t('退单时间', 'Filed'), key: 'at', render: (_: unknown, r) => formatTime(r.returnedAt, t.lang) },
            { title: t('第几次派单', 'Attempt'), key: 'attempt', render: (_: unknown, r) => r.attempt },
            { title: t('状态', 'State'), key: 'state', render: (_: unknown, r) => <Tag color={STATUS_COLOUR[r.status]}>{t.label(RETURN_STATUS_LABELS[r.status], r.status)}</Tag> },
          ]}
        />
      </Card>
    </Space>
  );
}
