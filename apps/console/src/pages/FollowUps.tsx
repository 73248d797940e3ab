// 持续跟踪 (follow-ups): requests closed as not solvable now (planning, funding, policy), each due
// on a date. The unit reports its progress (when due, or sooner); then the hotline's reviewer or
// supervisor revisits the requester and ends the follow-up or sets its next date. Hotline staff
// see every unit's (filtered by state and unit on the server), unit staff their own unit's only.
// A row's button opens its action and history under it (Tab through the fields, Enter records).
import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import {
  FOLLOW_UP_REASON_LABELS,
  FOLLOW_UP_STATE_LABELS,
  FOLLOW_UP_STATES,
  HOTLINE_WIDE_ROLES,
  RESOLUTION_LABELS,
  RESOLUTIONS,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  UNIT_ROLES,
  type FollowUpState,
  type Resolution,
  type Role,
  type Satisfaction,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/revisit';
import type { FollowUpView, Page, UnitView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import type { Session } from '../session/session';
import { formatTime, ProblemAlert } from './shared';

type RevisitBody = paths['/v1/follow-ups/{id}/revisit']['post']['requestBody']['content']['application/json'];

const PAGE_SIZE = 20;
/** Who revisits a reported follow-up (FOLLOW_UP_REVISITERS in libs/revisit-domain). */
const REVISITERS: readonly Role[] = ['reviewer', 'supervisor'];
/** Who may read dispatch's unit directory (its GET /v1/units), for the unit filter and names. */
const UNIT_READERS: readonly Role[] = ['agent', 'dispatcher', 'supervisor', 'tenant-admin'];
/** The furthest a next date may lie ahead (MAX_FOLLOW_UP_DAYS in libs/revisit-domain). */
const MAX_DAYS_AHEAD = 366;

const FIELDS: Record<string, [string, string]> = {
  note: ['说明', 'Note'],
  resolution: ['是否解决', 'Resolved?'],
  satisfaction: ['是否满意', 'Satisfied?'],
  nextFollowUpOn: ['下次跟踪日期', 'Next follow-up date'],
  id: ['跟踪编号', 'Follow-up'],
  'query.state': ['状态', 'State'],
  'query.unitId': ['承办单位', 'Unit'],
};

const STATE_COLOURS: Record<FollowUpState, string> = { scheduled: 'blue', due: 'orange', reported: 'purple', ended: 'default' };
/** Ant Design's orange tag falls short of 4.5:1 contrast; this brown on its background meets it. */
const DUE_TAG = { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' };

const isoDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const today = () => isoDate(new Date());
const daysAhead = (n: number) => isoDate(new Date(Date.now() + n * 86_400_000));

type Viewer = { canReport: (f: FollowUpView) => boolean; canRevisit: boolean };

function ReportForm({ followUp, onDone }: { followUp: FollowUpView; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = `follow-up-progress-${followUp.id}`;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(api.revisit.POST('/v1/follow-ups/{id}/progress', { params: { path: { id: followUp.id } }, body: { note: note.trim() } }));
      void message.success(t('进展已报告，待热线回访', 'Progress reported; the hotline revisits next'));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={() => void submit()} aria-label={t(`报告进展：${followUp.requestNumber ?? followUp.requestId}`, `Report progress: ${followUp.requestNumber ?? followUp.requestId}`)} style={{ maxWidth: 640 }}>
      <ProblemAlert error={error} fields={FIELDS} />
      <Form.Item label={t('办理进展', 'Progress')} htmlFor={id} required>
        <Input.TextArea id={id} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={!note.trim()}>{t('报告进展', 'Report progress')}</Button>
    </Form>
  );
}

interface RevisitValues {
  note: string;
  resolution: Resolution;
  satisfaction?: Satisfaction;
  nextFollowUpOn?: string;
}

function RevisitForm({ followUp, onDone }: { followUp: FollowUpView; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RevisitValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const resolution = Form.useWatch('resolution', form);
  const next = Form.useWatch('nextFollowUpOn', form);
  const id = (f: string) => `follow-up-${f}-${followUp.id}`;
  const submit = async (v: RevisitValues) => {
    setBusy(true);
    setError(undefined);
    const body: RevisitBody = {
      note: v.note.trim(),
      resolution: v.resolution,
      ...(v.satisfaction ? { satisfaction: v.satisfaction } : {}),
      // A resolved matter has nothing left to follow: it ends (the service refuses a next date).
      ...(v.nextFollowUpOn && v.resolution !== 'resolved' ? { nextFollowUpOn: v.nextFollowUpOn } : {}),
    };
    try {
      const after = await unwrap<FollowUpView>(api.revisit.POST('/v1/follow-ups/{id}/revisit', { params: { path: { id: followUp.id } }, body }));
      void message.success(after.state === 'ended' ? t('已回访，跟踪结束', 'Revisited; the follow-up ended') : t(`已回访，下次跟踪 ${after.dueOn}`, `Revisited; next follow-up on ${after.dueOn}`));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const ends = resolution === 'resolved' || !next;
  return (
    <Form<RevisitValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t(`跟踪回访：${followUp.requestNumber ?? followUp.requestId}`, `Revisit: ${followUp.requestNumber ?? followUp.requestId}`)} style={{ maxWidth: 720 }}>
      <ProblemAlert error={error} fields={FIELDS} />
      <Form.Item name="note" label={t('回访记录', 'Revisit note')} htmlFor={id('note')} rules={[{ required: true, whitespace: true, message: t('请填写回访记录', 'Enter the revisit note') }]}>
        <Input.TextArea id={id('note')} rows={2} maxLength={1000} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="resolution" label={t('是否解决', 'Resolved?')} htmlFor={id('resolution')} rules={[{ required: true, message: t('请选择是否解决', 'Choose whether it is resolved') }]}>
          <Select<Resolution> id={id('resolution')} showSearch optionFilterProp="label" style={{ width: 160 }} options={RESOLUTIONS.map((r) => ({ value: r, label: t.label(RESOLUTION_LABELS[r], r) }))} />
        </Form.Item>
        <Form.Item name="satisfaction" label={t('是否满意（诉求人表达时）', 'Satisfied? (if they said)')} htmlFor={id('satisfaction')}>
          <Select<Satisfaction> id={id('satisfaction')} showSearch optionFilterProp="label" allowClear style={{ width: 200 }} placeholder={t('未表达', 'Not said')} options={SATISFACTION_LEVELS.map((s) => ({ value: s, label: t.label(SATISFACTION_LABELS[s], s) }))} />
        </Form.Item>
        <Form.Item name="nextFollowUpOn" label={t('下次跟踪日期（留空则结束跟踪）', 'Next follow-up date (empty: end it)')} htmlFor={id('next')}>
          <Input id={id('next')} type="date" style={{ width: 180 }} min={daysAhead(1)} max={daysAhead(MAX_DAYS_AHEAD)} disabled={resolution === 'resolved'} />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={busy}>{ends ? t('记录回访并结束跟踪', 'Record and end the follow-up') : t('记录回访并继续跟踪', 'Record and follow up again')}</Button>
    </Form>
  );
}

function History({ id }: { id: string }) {
  const t = useT();
  const one = usePolled(() => unwrap<FollowUpView>(api.revisit.GET('/v1/follow-ups/{id}', { params: { path: { id } } })), [id]);
  if (one.error) return <ProblemAlert error={one.error} />;
  return (
    <Timeline
      data-testid={`follow-up-history-${id}`}
      items={(one.data?.history ?? []).map((h) => ({
        key: h.seq,
        children: (
          <span>
            <Tag color={STATE_COLOURS[h.state]}>{t.label(FOLLOW_UP_STATE_LABELS[h.state], h.state)}</Tag>
            {formatTime(h.changedAt, t.lang)} · {h.changedBy} · {t(`第 ${h.round} 轮，${h.dueOn}`, `round ${h.round}, ${h.dueOn}`)}
            {h.resolution ? ` · ${t.label(RESOLUTION_LABELS[h.resolution], h.resolution)}` : ''}
            {h.satisfaction ? ` · ${t.label(SATISFACTION_LABELS[h.satisfaction], h.satisfaction)}` : ''}
            <br />
            <Typography.Text type="secondary">{h.note}</Typography.Text>
          </span>
        ),
      }))}
    />
  );
}

function Detail({ followUp, viewer, onDone }: { followUp: FollowUpView; viewer: Viewer; onDone: () => void }) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`follow-up-${followUp.requestNumber ?? followUp.id}`}>
      {viewer.canReport(followUp) && <ReportForm followUp={followUp} onDone={onDone} />}
      {viewer.canRevisit && followUp.state === 'reported' && <RevisitForm followUp={followUp} onDone={onDone} />}
      <Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>{t('跟踪记录', 'History')}</Typography.Title>
      <History id={followUp.id} />
    </Space>
  );
}

export function FollowUps({ session }: { session: Session }) {
  const t = useT();
  const [state, setState] = useState<FollowUpState | 'all'>('all');
  const [unitId, setUnitId] = useState<string>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string[]>([]);
  const hotlineWide = session.roles.some((r) => HOTLINE_WIDE_ROLES.includes(r));
  // Reviewers and unit staff may not read the directory: they see the units' codes, unfiltered by unit.
  const readsUnits = hotlineWide && session.roles.some((r) => UNIT_READERS.includes(r));
  const units = usePolled(
    () => (readsUnits ? unwrap<Page<UnitView>>(api.dispatch.GET('/v1/units')) : Promise.resolve(undefined)),
    [readsUnits],
    600_000,
  );
  const viewer: Viewer = {
    // Only staff of the follow-up's own unit report, while it is scheduled or due.
    canReport: (f) => session.roles.some((r) => UNIT_ROLES.includes(r)) && !!session.unit && session.unit === f.unitCode && (f.state === 'scheduled' || f.state === 'due'),
    canRevisit: session.roles.some((r) => REVISITERS.includes(r)),
  };
  const list = usePolled(
    () =>
      unwrap<Page<FollowUpView>>(
        api.revisit.GET('/v1/follow-ups', {
          params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(state === 'all' ? {} : { state }), ...(unitId ? { unitId } : {}) } },
        }),
      ),
    [state, unitId, page],
  );
  const unitName = (f: FollowUpView) => units.data?.items.find((u) => u.id === f.unitId)?.name ?? f.unitCode ?? f.unitId;
  const now = today();
  const actionOf = (f: FollowUpView) => (viewer.canReport(f) ? t('报告进展', 'Report progress') : viewer.canRevisit && f.state === 'reported' ? t('回访', 'Revisit') : t('记录', 'History'));
  const toggle = (id: string) => setOpen((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('持续跟踪', 'Follow-ups')}</Typography.Title>}
      extra={
        <Space>
          {readsUnits && (
            <Select<string>
              aria-label={t('按承办单位筛选', 'Filter by unit')}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('全部承办单位', 'Every unit')}
              style={{ width: 200 }}
              value={unitId}
              onChange={(v) => {
                setUnitId(v);
                setPage(1);
              }}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          )}
          <Select<FollowUpState | 'all'>
            aria-label={t('按跟踪状态筛选', 'Filter by state')}
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(1);
            }}
            options={[{ value: 'all' as const, label: t('全部状态', 'Every state') }, ...FOLLOW_UP_STATES.map((s) => ({ value: s, label: t.label(FOLLOW_UP_STATE_LABELS[s], s) }))]}
          />
        </Space>
      }
    >
      <ProblemAlert error={list.error} fields={FIELDS} />
      <Table<FollowUpView>
        rowKey="id"
        size="small"
        data-testid="follow-ups"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        locale={{ emptyText: <Typography.Text>{t('没有此状态的持续跟踪事项', 'No follow-ups in this state')}</Typography.Text> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowKeys: open, showExpandColumn: false, expandedRowRender: (f) => <Detail followUp={f} viewer={viewer} onDone={list.reload} /> }}
        columns={[
          { title: t('诉求编号', 'Request'), key: 'number', render: (_: unknown, f) => f.requestNumber ?? f.requestId },
          { title: t('承办单位', 'Unit'), key: 'unit', render: (_: unknown, f) => unitName(f) },
          { title: t('原因', 'Reason'), key: 'reason', render: (_: unknown, f) => t.label(FOLLOW_UP_REASON_LABELS[f.reason], f.reason) },
          {
            title: t('状态', 'State'),
            key: 'state',
            render: (_: unknown, f) => (
              <Tag color={f.state === 'due' ? undefined : STATE_COLOURS[f.state]} style={f.state === 'due' ? DUE_TAG : undefined} data-testid={`follow-up-state-${f.id}`}>
                {t.label(FOLLOW_UP_STATE_LABELS[f.state], f.state)}
              </Tag>
            ),
          },
          {
            title: t('跟踪日期', 'Due on'),
            key: 'due',
            render: (_: unknown, f) => (
              <span>
                {f.dueOn}
                {f.state !== 'ended' && f.dueOn <= now ? <><br /><Typography.Text type="danger">{t('已到期', 'Due')}</Typography.Text></> : null}
              </span>
            ),
          },
          { title: t('轮次', 'Round'), dataIndex: 'round' },
          { title: t('跟踪说明', 'Why followed up'), dataIndex: 'note' },
          { title: t('更新时间', 'Updated'), key: 'updated', render: (_: unknown, f) => formatTime(f.updatedAt, t.lang) },
          {
            title: t('操作', 'Action'),
            key: 'action',
            render: (_: unknown, f) => (
              <Button size="small" type={open.includes(f.id) ? 'default' : 'primary'} aria-expanded={open.includes(f.id)} onClick={() => toggle(f.id)}>
                {open.includes(f.id) ? t('收起', 'Close') : actionOf(f)}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
