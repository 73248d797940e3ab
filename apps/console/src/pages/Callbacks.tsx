// 漏接回拨 (callback queue, docs/calls.md): each caller who hung up in the queue, one item however
// often they tried, earliest due first, with its clock ticking (yellow in the last third of the
// time, red once past it). ↑/↓ walk the rows and Enter opens one; the agent claims it, dials
// through the platform (a single-use reference for the telephony: the number is never shown) and
// records the result by keyboard (Ctrl+Enter). Supervisors see the queue; only agents call.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import {
  CALLBACK_RESULT_LABELS,
  CALLBACK_RESULTS,
  CALLBACK_STATE_LABELS,
  CALLBACK_STATES,
  OPEN_CALLBACK_STATES,
  type CallbackResult,
  type CallbackState,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { CallbackReferenceView, CallbackView, Page } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { Countdown, useNow } from './Countdown';
import { useRowCursor } from './rowCursor';
import { formatTime, ProblemAlert } from './shared';

type Filter = 'open' | CallbackState;

const PAGE_SIZE = 20;

const FIELDS: Record<string, [string, string]> = {
  result: ['回拨结果', 'Result'],
  requestNumber: ['登记的诉求编号', 'Request registered'],
  note: ['备注', 'Note'],
};

interface ResultValues {
  result: CallbackResult;
  requestNumber?: string;
  note?: string;
}

const isOpen = (c: CallbackView) => OPEN_CALLBACK_STATES.includes(c.state);

function CallbackClock({ item }: { item: CallbackView }) {
  const t = useT();
  const now = useNow();
  if (!isOpen(item))
    return (
      <span>
        <Tag>{t.label(CALLBACK_STATE_LABELS[item.state], item.state)}</Tag>
        <br />
        <Typography.Text type="secondary">{formatTime(item.closedAt, t.lang)}</Typography.Text>
      </span>
    );
  const left = (Date.parse(item.dueAt) - now) / 1000;
  // The server's word wins: past due there is overdue here, whatever this browser's clock says.
  const secondsLeft = item.overdue || item.pastDue ? Math.min(left, 0) : left;
  const window = (Date.parse(item.dueAt) - Date.parse(item.firstAbandonedAt)) / 1000;
  return (
    <span>
      <Countdown secondsLeft={secondsLeft} warnWithinSeconds={window / 3} testId={`callback-clock-${item.id}`} />
      <br />
      <Typography.Text type="secondary">{t('时限', 'Due')} {formatTime(item.dueAt, t.lang)}</Typography.Text>
    </span>
  );
}

function CallbackPanel({ item, session, onChanged, onClose }: { item: CallbackView; session: Session; onChanged: () => void; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResultValues>();
  const [current, setCurrent] = useState(item);
  const [reference, setReference] = useState<CallbackReferenceView>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const result = Form.useWatch('result', form);
  const agent = session.roles.includes('agent');
  const mine = current.state === 'claimed' && current.claimedBy === session.subject;

  const act = async (call: () => Promise<CallbackView>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await call();
      setCurrent(next);
      void message.success(done);
      onChanged();
      return next;
    } catch (err) {
      setError(err);
      onChanged();
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const path = { params: { path: { id: current.id } } };
  const claim = async () => {
    await act(() => unwrap<CallbackView>(api.intake.POST('/v1/callbacks/{id}/claim', path)), t('已领取，请回拨', 'Claimed: call the caller back'));
  };
  const dial = async () => {
    setError(undefined);
    try {
      setReference(await unwrap<CallbackReferenceView>(api.intake.POST('/v1/callbacks/{id}/call-reference', path)));
      void message.success(t('已生成外呼凭证', 'Call reference issued'));
    } catch (err) {
      setError(err);
    }
  };
  const record = async (v: ResultValues) => {
    const body = { result: v.result, ...(v.result === 'reached' && v.requestNumber?.trim() ? { requestNumber: v.requestNumber.trim() } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
    const next = await act(
      () => unwrap<CallbackView>(api.intake.POST('/v1/callbacks/{id}/result', { ...path, body })),
      t(`已记录：${t.label(CALLBACK_RESULT_LABELS[v.result], v.result)}`, `Recorded: ${t.label(CALLBACK_RESULT_LABELS[v.result], v.result)}`),
    );
    if (next) {
      form.resetFields();
      setReference(undefined);
    }
  };

  return (
    <Card
      data-testid="callback-panel"
      title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t(`回拨 ${current.callerNumberMasked ?? ''}`, `Call back ${current.callerNumberMasked ?? ''}`)}</Typography.Title>}
      extra={<Button onClick={onClose}>{t('返回列表', 'Back to the list')}</Button>}
    >
      <ProblemAlert error={error} fields={FIELDS} />
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }} data-testid="callback-detail">
        <Descriptions.Item label={t('状态', 'State')}>
          <span data-testid="callback-state">{t.label(CALLBACK_STATE_LABELS[current.state], current.state)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('回拨时限', 'Due')}>
          <CallbackClock item={current} />
        </Descriptions.Item>
        <Descriptions.Item label={t('队列', 'Queue')}>{current.queue}</Descriptions.Item>
        <Descriptions.Item label={t('漏接次数', 'Missed calls')}>{current.abandonedCalls}</Descriptions.Item>
        <Descriptions.Item label={t('首次漏接', 'First missed')}>{formatTime(current.firstAbandonedAt, t.lang)}</Descriptions.Item>
        <Descriptions.Item label={t('已回拨次数', 'Attempts')}>{current.attempts}</Descriptions.Item>
        {current.claimedBy && <Descriptions.Item label={t('回拨人', 'Held by')}>{current.claimedBy}</Descriptions.Item>}
        {current.result && <Descriptions.Item label={t('上次结果', 'Last result')}>{t.label(CALLBACK_RESULT_LABELS[current.result], current.result)}</Descriptions.Item>}
        {current.requestNumber && <Descriptions.Item label={t('登记的诉求', 'Request')}>{current.requestNumber}</Descriptions.Item>}
      </Descriptions>
      {!agent && <Typography.Paragraph type="secondary">{t('回拨由话务员领取并拨打。', 'Agents claim and make the callbacks.')}</Typography.Paragraph>}
      {agent && isOpen(current) && !mine && (
        <Button type="primary" autoFocus loading={busy} onClick={() => void claim()}>
          {current.state === 'claimed' ? t('接手回拨', 'Take over') : t('领取回拨', 'Claim')}
        </Button>
      )}
      {agent && mine && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {/* Takes the focus once the claim is the agent's: Enter dials next. */}
          <Button id="callback-dial" autoFocus onClick={() => void dial()}>{t('通过平台外呼', 'Call through the platform')}</Button>
          {reference && (
            <Alert
              type="success"
              showIcon
              data-testid="callback-reference"
              title={t('外呼凭证已生成：在话务系统中使用此凭证拨打，号码不显示', 'Call reference issued: the telephony dials with it; the number stays hidden')}
              description={
                <Space wrap>
                  <Typography.Text code copyable={{ text: reference.reference, tooltips: [t('复制', 'Copy'), t('已复制', 'Copied')] }}>{reference.reference}</Typography.Text>
                  <span>{t('有效期至', 'Valid until')} {formatTime(reference.expiresAt, t.lang)}{t('，仅可使用一次', '; single use')}</span>
                </Space>
              }
            />
          )}
          <Form<ResultValues>
            form={form}
            layout="vertical"
            initialValues={{ result: 'reached' }}
            onFinish={(v) => void record(v)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                form.submit();
              }
            }}
            aria-label={t('记录回拨结果', 'Record the callback result')}
          >
            <Form.Item name="result" label={t('回拨结果', 'Result')}>
              <Radio.Group options={CALLBACK_RESULTS.map((r) => ({ value: r, label: t.label(CALLBACK_RESULT_LABELS[r], r) }))} />
            </Form.Item>
            {result === 'reached' && (
              <Form.Item name="requestNumber" label={t('回拨中登记的诉求编号（如有）', 'Request registered in the call (if any)')} htmlFor="callback-request-number">
                <Input id="callback-request-number" maxLength={64} autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('备注', 'Note')} htmlFor="callback-note">
              <Input.TextArea id="callback-note" rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{t('记录结果 (Ctrl+Enter)', 'Record (Ctrl+Enter)')}</Button>
          </Form>
        </Space>
      )}
    </Card>
  );
}

export function Callbacks({ session }: { session: Session }) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>('open');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<CallbackView>();
  const list = usePolled(
    () =>
      unwrap<Page<CallbackView>>(
        api.intake.GET('/v1/callbacks', {
          params: { query: { ...(filter === 'open' ? {} : { state: filter }), ...(overdueOnly ? { overdue: 'true' as const } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
        }),
      ),
    [filter, overdueOnly, page],
  );
  const cursor = useRowCursor(list.data?.items, (c) => c.id, setOpen);
  const back = () => {
    setOpen(undefined);
    setTimeout(cursor.focus, 0);
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={open ? 14 : 24}>
        <Card
          title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('漏接回拨', 'Missed-call callbacks')}</Typography.Title>}
          extra={
            <Space>
              <Typography.Text type="secondary">{t('↑/↓ 选择 · Enter 打开', '↑/↓ move · Enter opens')}</Typography.Text>
              <Checkbox
                checked={overdueOnly}
                onChange={(e) => {
                  setOverdueOnly(e.target.checked);
                  setPage(1);
                }}
              >
                {t('只看已超时', 'Overdue only')}
              </Checkbox>
              <Select<Filter>
                aria-label={t('按状态筛选', 'Filter by state')}
                style={{ width: 170 }}
                value={filter}
                onChange={(v) => {
                  setFilter(v);
                  setPage(1);
                }}
                options={[{ value: 'open', label: t('待回拨与回拨中', 'Open') }, ...CALLBACK_STATES.map((s) => ({ value: s as Filter, label: t.label(CALLBACK_STATE_LABELS[s], s) }))]}
              />
            </Space>
          }
        >
          <ProblemAlert error={list.error} />
          <Table<CallbackView>
            rowKey="id"
            size="small"
            data-testid="callbacks"
            loading={list.loading && !list.data}
            dataSource={list.data?.items}
            onRow={cursor.onRow}
            locale={{ emptyText: <Typography.Text>{t('没有此状态的回拨事项', 'No callbacks in this state')}</Typography.Text> }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('来电号码', 'Caller'), key: 'number', render: (_: unknown, c) => c.callerNumberMasked ?? t('未显示号码', 'Withheld') },
              { title: t('回拨时限', 'Callback clock'), key: 'clock', render: (_: unknown, c) => <CallbackClock item={c} /> },
              { title: t('队列', 'Queue'), dataIndex: 'queue' },
              { title: t('漏接次数', 'Missed calls'), dataIndex: 'abandonedCalls' },
              { title: t('最近漏接', 'Last missed'), key: 'last', render: (_: unknown, c) => formatTime(c.lastAbandonedAt, t.lang) },
              { title: t('已回拨', 'Attempts'), dataIndex: 'attempts' },
              {
                title: t('状态', 'State'),
                key: 'state',
                render: (_: unknown, c) => (
                  <span>
                    {t.label(CALLBACK_STATE_LABELS[c.state], c.state)}
                    {c.claimedBy ? <><br /><Typography.Text type="secondary">{c.claimedBy === session.subject ? t('由我回拨', 'Mine') : c.claimedBy}</Typography.Text></> : null}
                  </span>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      {open && (
        <Col xs={24} xl={10}>
          <CallbackPanel key={open.id} item={open} session={session} onChanged={list.reload} onClose={back} />
        </Col>
      )}
    </Row>
  );
}
