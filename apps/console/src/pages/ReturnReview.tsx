// 退单审核 (dispatcher, supervisor): the units' returns in dispute review, oldest first, each with
// the unit's reason beside the request; ↑/↓ move between them, Enter opens the decision (accept
// with the re-dispatch, or reject with a note), Esc closes it. The tenant's return policy is above.
import { useState } from 'react';
import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { RETURN_REASON_LABELS, RETURN_STATUS_LABELS, type ReturnStatus } from '@hotline/vocabulary';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { RETURN_SCAN_PER_STATUS, type ReturnRow, scanReturns } from './openRequests';
import { ReturnDecisionPanel } from './ReturnDecision';
import { ReturnPolicyCard, useReturnPolicy } from './ReturnPolicyCard';
import { useRowCursor } from './rowCursor';
import { formatTime, ProblemAlert } from './shared';

type Filter = 'in-review' | 'decided';
// Ant Design's green tag text falls below 4.5:1 contrast: a decided return keeps the plain tag.
const STATUS_COLOUR: Record<ReturnStatus, string> = { 'in-review': 'processing', accepted: 'default', rejected: 'default' };
const PAGE_SIZE = 20;
/** Looking through the requests costs a call per request: a slower poll than the queues'. */
const SCAN_EVERY_MS = 30_000;

export function ReturnReview() {
  const t = useT();
  const [filter, setFilter] = useState<Filter>('in-review');
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<string>();
  const policy = useReturnPolicy();
  const scan = usePolled(scanReturns, [], SCAN_EVERY_MS);
  const rows = (scan.data?.rows ?? []).filter((r) => (filter === 'in-review' ? r.ret.status === 'in-review' : r.ret.status !== 'in-review'));
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const cursor = useRowCursor<ReturnRow>(shown, (r) => r.ret.id, (r) => setOpened(r.ret.id));
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
          <Segmented<Filter>
            aria-label={t('按审核状态筛选', 'Filter by review state')}
            value={filter}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
            }}
            options={[
              { value: 'in-review', label: t('争议审核中', 'In dispute review') },
              { value: 'decided', label: t('已审核', 'Decided') },
            ]}
          />
        }
      >
        <ProblemAlert error={scan.error} />
        <Typography.Paragraph type="secondary" data-testid="returns-scope">
          {t(
            `已派单、办理中的最近各 ${RETURN_SCAN_PER_STATUS} 件诉求中的退单（共查看 ${scan.data?.scanned ?? 0} 件）。↑/↓ 选择，Enter 审核。`,
            `Returns among the newest ${RETURN_SCAN_PER_STATUS} dispatched and ${RETURN_SCAN_PER_STATUS} in-progress requests (${scan.data?.scanned ?? 0} looked at). ↑/↓ to choose, Enter to decide.`,
          )}
          {scan.data?.truncated && t(' 更早的诉求未列入。', ' Older requests are not included.')}
        </Typography.Paragraph>
        <Table<ReturnRow>
          data-testid="returns"
          rowKey={(r) => r.ret.id}
          size="small"
          loading={scan.loading && !scan.data}
          dataSource={shown}
          onRow={cursor.onRow}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: rows.length, onChange: setPage, showSizeChanger: false }}
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
                  scan.reload();
                }}
              />
            ),
          }}
          columns={[
            { title: t('诉求编号', 'Request'), key: 'number', render: (_: unknown, r) => r.request.number },
            { title: t('标题', 'Title'), key: 'title', render: (_: unknown, r) => r.request.title ?? '—' },
            { title: t('退单单位', 'Unit'), key: 'unit', render: (_: unknown, r) => r.ret.unit.unitName },
            { title: t('退单理由', 'Reason'), key: 'reason', render: (_: unknown, r) => t.label(RETURN_REASON_LABELS[r.ret.reasonCode], r.ret.reasonCode) },
            { title: t('理由和依据', 'Basis'), key: 'basis', ellipsis: true, render: (_: unknown, r) => r.ret.basis },
            { title: t('退单时间', 'Filed'), key: 'at', render: (_: unknown, r) => formatTime(r.ret.returnedAt, t.lang) },
            { title: t('第几次派单', 'Attempt'), key: 'attempt', render: (_: unknown, r) => r.ret.attempt },
            { title: t('状态', 'State'), key: 'state', render: (_: unknown, r) => <Tag color={STATUS_COLOUR[r.ret.status]}>{t.label(RETURN_STATUS_LABELS[r.ret.status], r.ret.status)}</Tag> },
          ]}
        />
      </Card>
    </Space>
  );
}
