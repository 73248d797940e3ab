// 工作日历 (tenant admin; supervisors read it): the hotline's time zone and its own days off and
// working days (PUT /v1/calendar, saved whole), the years the calendar has holiday data for and
// where each comes from (shipped with the platform, loaded by the province, or by this hotline),
// the years still missing, a form to load a year of national holidays as the State Council notice
// sets them (PUT /v1/calendar/years/{year}; also read from a JSON file of that shape), and a month
// view marking days off on weekdays (休) and working weekend days (班, 调休) as handling counts them
// (GET /v1/calendar/days), with the holidays' names.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/handling';
import type { CalendarDaysView, CalendarSettingsView, CalendarStatusView, YearLoadedView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { type DayInfo, localDate, monthDays, weekday } from './calendar-month';
import { formatTime } from './shared';
import { PageTitle, ReadOnlyNote, SettingsProblem, SourceTag, splitList, useSettingsForm } from './settings-shared';

type YearBody = paths['/v1/calendar/years/{year}']['put']['requestBody']['content']['application/json'];

const SETTINGS_FIELDS: Record<string, [string, string]> = {
  timeZone: ['时区', 'Time zone'],
  extraHolidays: ['额外休息日', 'Extra days off'],
  extraWorkingDays: ['额外工作日', 'Extra working days'],
};
const SOURCE_LABELS: Record<CalendarStatusView['years'][number]['source'], [string, string]> = { shipped: ['平台内置', 'Shipped'], province: ['省级加载', 'Province'], tenant: ['本热线加载', 'This hotline'] };

interface PeriodValues {
  name: string;
  from: string;
  to: string;
  makeUp?: string;
}
interface YearValues {
  year: number;
  notice: string;
  periods: PeriodValues[];
}

function yearFields(): Record<string, [string, string]> {
  const fields: Record<string, [string, string]> = { notice: ['通知文号', 'Notice'], year: ['年份', 'Year'], holidays: ['节假日', 'Holidays'] };
  for (let i = 0; i < 30; i++) {
    fields[`holidays.${i}.name`] = [`第 ${i + 1} 个假期名称`, `holiday ${i + 1} name`];
    fields[`holidays.${i}.from`] = [`第 ${i + 1} 个假期首日`, `holiday ${i + 1} first day`];
    fields[`holidays.${i}.to`] = [`第 ${i + 1} 个假期末日`, `holiday ${i + 1} last day`];
    for (let j = 0; j < 10; j++) fields[`holidays.${i}.makeUpWorkdays.${j}`] = [`第 ${i + 1} 个假期调休上班日`, `holiday ${i + 1} make-up day`];
  }
  return fields;
}

function SettingsCard({ canEdit, onSaved }: { canEdit: boolean; onSaved: () => void }) {
  const t = useT();
  const { form, settings, problem, busy, save } = useSettingsForm<CalendarSettingsView, { timeZone: string; extraHolidays?: string; extraWorkingDays?: string }>({
    read: () => unwrap<CalendarSettingsView>(api.handling.GET('/v1/calendar')),
    write: (v) =>
      unwrap<CalendarSettingsView>(api.handling.PUT('/v1/calendar', { body: { timeZone: v.timeZone.trim(), extraHolidays: splitList(v.extraHolidays), extraWorkingDays: splitList(v.extraWorkingDays) } })),
    toForm: (s) => ({ timeZone: s.timeZone, extraHolidays: s.extraHolidays.join(', '), extraWorkingDays: s.extraWorkingDays.join(', ') }),
    savedMessage: () => ['工作日历已保存：未到期的时限按新日历计算', 'Calendar saved'],
    onSaved,
  });
  const s = settings.data;
  return (
    <Card title={<PageTitle>{t('工作日历', 'Working calendar')}</PageTitle>} extra={s && <SourceTag own={s.updatedAt !== null} defaultLabel={['国家日历', 'National calendar']} />}>
      <SettingsProblem error={problem} fields={SETTINGS_FIELDS} />
      {!canEdit && <ReadOnlyNote what={['工作日历', 'the calendar']} />}
      <Form form={form} layout="vertical" disabled={!canEdit || !s} onFinish={(v) => void save(v)} aria-label={t('工作日历', 'Working calendar')}>
        <Form.Item name="timeZone" label={t('时区（IANA，如 Asia/Shanghai）', 'Time zone (IANA, e.g. Asia/Shanghai)')} htmlFor="calendar-zone" rules={[{ required: true, whitespace: true, message: t('请填写时区', 'Enter the zone') }]}>
          <Input id="calendar-zone" maxLength={60} style={{ maxWidth: 280 }} />
        </Form.Item>
        <Form.Item name="extraHolidays" label={t('本热线额外休息日（YYYY-MM-DD，逗号分隔）', 'Extra days off (YYYY-MM-DD, comma-separated)')} htmlFor="calendar-holidays">
          <Input.TextArea id="calendar-holidays" rows={2} />
        </Form.Item>
        <Form.Item name="extraWorkingDays" label={t('本热线额外工作日（YYYY-MM-DD，逗号分隔）', 'Extra working days (YYYY-MM-DD, comma-separated)')} htmlFor="calendar-working">
          <Input.TextArea id="calendar-working" rows={2} />
        </Form.Item>
        {s?.updatedAt && <Typography.Paragraph type="secondary">{t('更新于', 'Updated')} {formatTime(s.updatedAt, t.lang)}</Typography.Paragraph>}
        {canEdit && <Button type="primary" htmlType="submit" loading={busy}>{t('保存工作日历', 'Save calendar')}</Button>}
      </Form>
    </Card>
  );
}

function YearsCard({ canEdit, refresh, onLoaded }: { canEdit: boolean; refresh: number; onLoaded: (year: number) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<YearValues>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState<YearLoadedView>();
  const status = usePolled(() => unwrap<CalendarStatusView>(api.handling.GET('/v1/calendar/status')), [refresh], 60_000);
  const st = status.data;

  const readFile = async (file: File) => {
    setError(undefined);
    try {
      const json = JSON.parse(await file.text()) as Partial<YearBody>;
      form.setFieldsValue({
        ...(json.year ? { year: json.year } : {}),
        notice: json.notice ?? '',
        periods: (json.holidays ?? []).map((h) => ({ name: h.name, from: h.from, to: h.to, makeUp: (h.makeUpWorkdays ?? []).join(', ') })),
      });
    } catch {
      void message.error(t('文件不是有效的 JSON', 'The file is not valid JSON'));
    }
  };
  const load = async (v: YearValues) => {
    setBusy(true);
    setError(undefined);
    const body: YearBody = { notice: v.notice, holidays: (v.periods ?? []).map((p) => ({ name: p.name, from: p.from.trim(), to: p.to.trim(), makeUpWorkdays: splitList(p.makeUp) })) };
    try {
      const result = await unwrap<YearLoadedView>(api.handling.PUT('/v1/calendar/years/{year}', { params: { path: { year: String(v.year) } }, body }));
      setLoaded(result);
      status.reload();
      onLoaded(result.year);
      void message.success(t(`已加载 ${result.year} 年节假日`, `${result.year} holidays loaded`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<PageTitle level={3}>{t('节假日年份', 'Holiday years')}</PageTitle>}>
      <SettingsProblem error={status.error} />
      {st && st.missingYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="calendar-missing"
          title={t(`缺少 ${st.missingYears.join('、')} 年的节假日数据：这些年份暂按周一至周五计算（${st.provisionalOpenWorkOrders} 件未结工单的时限为暂定）`, `No holiday data for ${st.missingYears.join(', ')}: Monday to Friday there for now (${st.provisionalOpenWorkOrders} open orders have provisional dues)`)}
        />
      )}
      <Table
        rowKey="year"
        size="small"
        data-testid="calendar-years"
        pagination={false}
        dataSource={st?.years}
        columns={[
          { title: t('年份', 'Year'), dataIndex: 'year' },
          { title: t('来源', 'Source'), dataIndex: 'source', render: (s: keyof typeof SOURCE_LABELS) => <Tag>{t(...SOURCE_LABELS[s])}</Tag> },
          { title: t('通知文号', 'Notice'), dataIndex: 'notice' },
          { title: t('假期数', 'Holidays'), dataIndex: 'holidays' },
          { title: t('加载时间', 'Loaded'), dataIndex: 'loadedAt', render: (v: string | null) => formatTime(v, t.lang) },
        ]}
      />
      {canEdit && (
        <>
          <Typography.Title level={4} style={{ fontSize: 15, marginTop: 16 }}>{t('加载一年的节假日（平台和省级都没有的年份）', 'Load a year of holidays (one neither the platform nor the province has)')}</Typography.Title>
          <SettingsProblem error={error} fields={yearFields()} conflict={['该年份已有平台内置或省级数据，以其为准，无需加载', 'The platform or the province has this year already; theirs applies']} />
          {loaded && (
            <Typography.Paragraph data-testid="calendar-loaded">
              {t(`${loaded.year} 年（${loaded.notice}）已加载，重算了 ${loaded.recomputedWorkOrders} 件工单的暂定时限`, `${loaded.year} (${loaded.notice}) loaded; ${loaded.recomputedWorkOrders} provisional dues recomputed`)}
            </Typography.Paragraph>
          )}
          <Form<YearValues> form={form} layout="vertical" initialValues={{ periods: [{ name: '', from: '', to: '' }] }} onFinish={(v) => void load(v)} aria-label={t('加载节假日年份', 'Load a holiday year')}>
            <Space wrap align="start">
              <Form.Item name="year" label={t('年份', 'Year')} htmlFor="year-year" rules={[{ required: true, message: t('请填写年份', 'Enter the year') }]}>
                <InputNumber id="year-year" min={1970} max={2999} precision={0} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="notice" label={t('国务院办公厅通知文号', 'State Council notice')} htmlFor="year-notice" rules={[{ required: true, whitespace: true, message: t('请填写通知文号', 'Enter the notice') }]}>
                <Input id="year-notice" maxLength={200} style={{ width: 280 }} placeholder="国办发明电〔2025〕7号" />
              </Form.Item>
              <Form.Item label={t('从文件读取', 'Read from a file')}>
                <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(file) => { void readFile(file); return false; }}>
                  <Button>{t('读取 JSON 文件', 'Read a JSON file')}</Button>
                </Upload>
              </Form.Item>
            </Space>
            <Form.List name="periods">
              {(items, { add, remove }) => (
                <>
                  {items.map((item, i) => (
                    <Space key={item.key} wrap align="start">
                      <Form.Item name={[item.name, 'name']} label={t(`假期 ${i + 1} 名称`, `Holiday ${i + 1}`)} htmlFor={`period-${i}-name`} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter the name') }]}>
                        <Input id={`period-${i}-name`} maxLength={50} style={{ width: 140 }} placeholder="春节" />
                      </Form.Item>
                      <Form.Item name={[item.name, 'from']} label={t('首日', 'First day')} htmlFor={`period-${i}-from`} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
                        <Input id={`period-${i}-from`} style={{ width: 130 }} placeholder="YYYY-MM-DD" />
                      </Form.Item>
                      <Form.Item name={[item.name, 'to']} label={t('末日', 'Last day')} htmlFor={`period-${i}-to`} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
                        <Input id={`period-${i}-to`} style={{ width: 130 }} placeholder="YYYY-MM-DD" />
                      </Form.Item>
                      <Form.Item name={[item.name, 'makeUp']} label={t('调休上班日（逗号分隔）', 'Make-up working days')} htmlFor={`period-${i}-makeup`}>
                        <Input id={`period-${i}-makeup`} style={{ width: 220 }} />
                      </Form.Item>
                      <Form.Item label=" ">
                        <Button aria-label={t(`删除假期 ${i + 1}`, `Remove holiday ${i + 1}`)} onClick={() => remove(item.name)} disabled={items.length === 1}>{t('删除', 'Remove')}</Button>
                      </Form.Item>
                    </Space>
                  ))}
                  <Space>
                    <Button onClick={() => add({ name: '', from: '', to: '' })}>{t('添加假期', 'Add a holiday')}</Button>
                    <Button type="primary" htmlType="submit" loading={busy}>{t('加载该年份', 'Load the year')}</Button>
                  </Space>
                </>
              )}
            </Form.List>
          </Form>
        </>
      )}
    </Card>
  );
}

/** Read by a screen reader, not shown. */
const SR_ONLY = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

const WEEKDAYS: Array<[string, string]> = [['一', 'Mon'], ['二', 'Tue'], ['三', 'Wed'], ['四', 'Thu'], ['五', 'Fri'], ['六', 'Sat'], ['日', 'Sun']];

function MonthView({ month, setMonth, timeZone, refresh }: { month: { year: number; month: number }; setMonth: (m: { year: number; month: number }) => void; timeZone: string; refresh: number }) {
  const t = useT();
  const [view, setView] = useState<CalendarDaysView>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    setView(undefined);
    monthDays(month.year, month.month).then((v) => live && (setView(v), setError(undefined)), (err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [month.year, month.month, refresh]);
  const days = view?.days;
  const zone = view?.timeZone ?? timeZone;
  const step = (n: number) => {
    const m = month.month - 1 + n;
    setMonth({ year: month.year + Math.floor(m / 12), month: ((m % 12) + 12) % 12 + 1 });
  };
  // Weeks from Monday: blank cells before the 1st.
  const lead = days?.[0] ? (weekday(days[0].date) + 6) % 7 : 0;
  const cells: Array<DayInfo | undefined> = [...Array<undefined>(lead).fill(undefined), ...(days ?? [])];
  const weeks = Array.from({ length: Math.ceil(cells.length / 7) }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const today = localDate(new Date(), zone);
  // The holiday's name as the year data gives it (for a make-up day: the holiday it makes up for).
  const named = (d: DayInfo, title: string) => (d.holidayName ? `${title} · ${d.holidayName}` : title);
  const mark = (d: DayInfo) => {
    const weekend = [0, 6].includes(weekday(d.date));
    if (d.kind === 'holiday' && !weekend) return { tag: t('休', 'Off'), title: named(d, t('节假日（休息）', 'Holiday (day off)')), style: { background: '#fff1f0', color: '#a8071a' } };
    if (d.kind === 'adjusted-workday' || (d.working && weekend)) return { tag: t('班', 'Work'), title: named(d, t('调休上班', 'Make-up working day')), style: { background: '#fff7e6', color: '#873800' } };
    if (!d.working && !weekend) return { tag: t('休', 'Off'), title: named(d, t('休息日', 'Day off')), style: { background: '#fff1f0', color: '#a8071a' } };
    if (weekend) return { tag: '', title: named(d, t('周末', 'Weekend')), style: { background: '#fafafa', color: 'rgba(0,0,0,0.68)' } };
    return { tag: '', title: t('工作日', 'Working day'), style: {} };
  };
  return (
    <Card
      title={<PageTitle level={3}>{t(`${month.year} 年 ${month.month} 月`, `${month.year}-${String(month.month).padStart(2, '0')}`)}</PageTitle>}
      extra={
        <Space>
          <Button onClick={() => step(-1)} aria-label={t('上个月', 'Previous month')}>‹</Button>
          <InputNumber aria-label={t('年份', 'Year')} min={1970} max={2999} precision={0} value={month.year} onChange={(y) => y && setMonth({ ...month, year: y })} style={{ width: 90 }} />
          <Select<number> aria-label={t('月份', 'Month')} value={month.month} style={{ width: 90 }} onChange={(m) => setMonth({ ...month, month: m })} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t(`${i + 1} 月`, `${i + 1}`) }))} />
          <Button onClick={() => step(1)} aria-label={t('下个月', 'Next month')}>›</Button>
        </Space>
      }
    >
      <SettingsProblem error={error} />
      {view && !view.hasYearData && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('该月份所在年份没有节假日数据：按周一至周五计算', 'No holiday data for this year: Monday to Friday')} />}
      <table data-testid="calendar-month" style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
        <caption style={{ textAlign: 'left', paddingBottom: 8 }}>
          <Space size="middle">
            <span><Tag style={{ background: '#fff1f0', color: '#a8071a', borderColor: '#ffa39e' }}>{t('休', 'Off')}</Tag>{t('节假日', 'Holiday')}</span>
            <span><Tag style={{ background: '#fff7e6', color: '#873800', borderColor: '#ffd591' }}>{t('班', 'Work')}</Tag>{t('调休上班', 'Make-up working day')}</span>
          </Space>
        </caption>
        <thead>
          <tr>{WEEKDAYS.map((w) => <th key={w[1]} scope="col" style={{ padding: 4, borderBottom: '1px solid #f0f0f0' }}>{t(...w)}</th>)}</tr>
        </thead>
        <tbody>
          {weeks.map((week, i) => (
            <tr key={i}>
              {Array.from({ length: 7 }, (_, j) => {
                const d = week[j];
                if (!d) return <td key={j} />;
                const m = mark(d);
                return (
                  <td key={j} data-date={d.date} data-working={d.working} title={m.title} style={{ padding: 6, height: 56, verticalAlign: 'top', border: '1px solid #f0f0f0', ...m.style, fontWeight: d.date === today ? 700 : undefined }}>
                    <div>{Number(d.date.slice(8))}</div>
                    {m.tag && <div data-testid={`day-mark-${d.date}`}>{m.tag}<span style={SR_ONLY}>{m.title}</span></div>}
                    {d.holidayName && d.kind === 'holiday' && <div data-testid={`day-name-${d.date}`} style={{ fontSize: 12 }}>{d.holidayName}</div>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {!days && !error && <Typography.Text type="secondary">{t('加载中…', 'Loading…')}</Typography.Text>}
    </Card>
  );
}

export function WorkCalendar({ canEdit }: { canEdit: boolean }) {
  const [refresh, setRefresh] = useState(0);
  const status = usePolled(() => unwrap<CalendarSettingsView>(api.handling.GET('/v1/calendar')), [refresh], 60_000);
  const timeZone = status.data?.timeZone ?? 'Asia/Shanghai';
  const now = localDate(new Date(), timeZone);
  const [month, setMonth] = useState({ year: Number(now.slice(0, 4)), month: Number(now.slice(5, 7)) });
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={10}>
        <SettingsCard canEdit={canEdit} onSaved={() => setRefresh((n) => n + 1)} />
      </Col>
      <Col xs={24} xl={14}>
        <MonthView month={month} setMonth={setMonth} timeZone={timeZone} refresh={refresh} />
      </Col>
      <Col span={24}>
        <YearsCard
          canEdit={canEdit}
          refresh={refresh}
          onLoaded={(year) => {
            setRefresh((n) => n + 1);
            setMonth({ year, month: 1 });
          }}
        />
      </Col>
    </Row>
  );
}
