// 承办单位 (tenant admin; supervisors read it): the tenant's handling units as their tree (parent →
// children), each with its level and the administrative areas it covers, filtered on the server
// by an area (GET /v1/units?area=…: the units whose jurisdiction covers it), and a form to
// register a unit (POST /v1/units) or edit one's name, areas and parent (PATCH /v1/units/{id}).
// A unit is never deleted and its code never changes: the code is in its staff's tokens and in
// every work order. It is deactivated instead (PATCH active: false, after a confirmation): it
// takes no new work — the catalog's requests for it wait for a dispatcher, and no one may choose
// it — while its open orders go on; it can be reactivated the same way.
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DEFAULT_UNIT_LEVEL, UNIT_LEVEL_LABELS, UNIT_LEVELS, type UnitLevel } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/dispatch';
import { Problem } from '../api/problem';
import type { UnitAdminView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime } from './shared';
import { PageTitle, ReadOnlyNote, SettingsProblem, splitList, WARNING_TAG } from './settings-shared';

type RegisterBody = paths['/v1/units']['post']['requestBody']['content']['application/json'];
type PatchBody = paths['/v1/units/{id}']['patch']['requestBody']['content']['application/json'];
type UnitRow = UnitAdminView & { children?: UnitRow[] };

const FIELDS: Record<string, [string, string]> = {
  code: ['单位代码', 'Unit code'],
  name: ['单位名称', 'Name'],
  parentId: ['上级单位', 'Parent unit'],
  areaCodes: ['管辖区域代码', 'Area codes'],
  level: ['单位层级', 'Level'],
  area: ['区域代码', 'Area code'],
};

interface UnitValues {
  code: string;
  name: string;
  parentId?: string;
  areas: string;
  level: UnitLevel;
}

/** The units as a forest: a unit whose parent is not in the list (filtered out) is a root. */
export function unitTree(units: readonly UnitAdminView[]): UnitRow[] {
  const byId = new Map<string, UnitRow>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitRow[] = [];
  for (const u of byId.values()) {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    if (parent) (parent.children ??= []).push(u);
    else roots.push(u);
  }
  return roots;
}

interface EditValues {
  name: string;
  parentId?: string;
  areas: string;
}

const FIELD_NAMES: Record<string, keyof EditValues> = { name: 'name', parentId: 'parentId', areaCodes: 'areas' };

/** The server's reason for a refused field, as the admin reads it. */
function fieldMessage(t: Translate, field: string, message: string): string {
  if (field === 'parentId' && /cycle|own parent/.test(message)) return t('上级单位不能是本单位或其下级单位（会形成循环）', 'The parent cannot be the unit itself or a unit below it (a cycle)');
  if (field === 'parentId') return t('上级单位不存在', 'No such parent unit');
  if (field === 'areaCodes' && /catalog/.test(message)) {
    const entries = /gives this unit (.+): publish/.exec(message)?.[1] ?? '';
    return t(`派单目录仍按区域向本单位派发 ${entries}：请先发布不含这些条目的目录`, `The dispatch catalog in force gives this unit ${entries}: publish a catalog without them first`);
  }
  if (field === 'areaCodes') return t('区域代码须为 2、4、6、9 或 12 位数字', 'Area codes have 2, 4, 6, 9 or 12 digits');
  if (field === 'name') return t('请填写单位名称（至多 100 字）', 'Enter the name (at most 100 characters)');
  return message;
}

function UnitEdit({ unit, units, onClose, onSaved }: { unit: UnitAdminView; units: readonly UnitAdminView[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.setFieldsValue({ name: unit.name, parentId: unit.parentId ?? undefined, areas: unit.areaCodes.join(', ') });
  }, [unit, form]);

  const save = async (v: EditValues) => {
    setBusy(true);
    setError(undefined);
    const body: PatchBody = { name: v.name.trim(), areaCodes: splitList(v.areas), parentId: v.parentId ?? null };
    try {
      const saved = await unwrap<UnitAdminView>(api.dispatch.PATCH('/v1/units/{id}', { params: { path: { id: unit.id } }, body }));
      void message.success(t(`已保存承办单位 ${saved.code} ${saved.name}`, `Unit ${saved.code} ${saved.name} saved`));
      onSaved();
    } catch (err) {
      const refused = err instanceof Problem && err.body.status === 400 ? (err.body.errors ?? []) : [];
      const named = refused.flatMap((e) => {
        const name = FIELD_NAMES[e.field];
        return name ? [{ name, errors: [fieldMessage(t, e.field, e.message)] }] : [];
      });
      if (named.length > 0) form.setFields(named);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<PageTitle level={3}>{t(`编辑承办单位 ${unit.code}`, `Edit unit ${unit.code}`)}</PageTitle>} data-testid="unit-edit">
      <SettingsProblem error={error} />
      <Form<EditValues> form={form} layout="vertical" onFinish={(v) => void save(v)} aria-label={t('编辑承办单位', 'Edit a unit')}>
        <Form.Item name="name" label={t('单位名称', 'Name')} htmlFor="unit-edit-name" rules={[{ required: true, whitespace: true, message: t('请填写单位名称', 'Enter the name') }]}>
          <Input id="unit-edit-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('上级单位', 'Parent unit')} htmlFor="unit-edit-parent">
          <Select
            id="unit-edit-parent"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('无（顶级单位）', 'None (a root)')}
            options={units.filter((u) => u.id !== unit.id).map((u) => ({ value: u.id, label: `${u.name} ${u.code}` }))}
          />
        </Form.Item>
        <Form.Item
          name="areas"
          label={t('管辖区域代码（逗号分隔）', 'Area codes (comma-separated)')}
          htmlFor="unit-edit-areas"
          rules={[{ validator: (_, v: string | undefined) => (splitList(v).length ? Promise.resolve() : Promise.reject(new Error(t('至少填写一个区域代码', 'Enter at least one area code')))) }]}
        >
          <Input id="unit-edit-areas" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t('保存修改', 'Save changes')}</Button>
          <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** 启用 or 已停用 (dark text on its background: Ant Design's coloured tags fall short of 4.5:1). */
function UnitState({ unit }: { unit: UnitAdminView }) {
  const t = useT();
  return (
    <span data-testid={`unit-state-${unit.code}`}>
      {unit.active ? <Tag>{t('启用', 'Active')}</Tag> : <Tag style={WARNING_TAG}>{t('已停用', 'Deactivated')}</Tag>}
    </span>
  );
}

export function UnitsAdmin({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<UnitValues>();
  const [area, setArea] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<UnitAdminView>();
  const list = usePolled(() => unwrap<{ items: UnitAdminView[] }>(api.dispatch.GET('/v1/units', { params: { query: area ? { area } : {} } })), [area], 60_000);
  // The parent picker lists every unit, whatever the filter.
  const all = usePolled(() => unwrap<{ items: UnitAdminView[] }>(api.dispatch.GET('/v1/units')), [], 60_000);
  const tree = useMemo(() => unitTree(list.data?.items ?? []), [list.data]);
  const [actionError, setActionError] = useState<unknown>();

  /** Deactivates or reactivates a unit once the admin confirms what that does. */
  const setActive = (u: UnitAdminView, active: boolean) =>
    modal.confirm({
      title: active ? t(`启用 ${u.name}？`, `Reactivate ${u.name}?`) : t(`停用 ${u.name}？`, `Deactivate ${u.name}?`),
      content: active
        ? t('启用后，派单目录和派单员可再向该单位派发新工单。', 'The catalog and the dispatchers may then give it new work again.')
        : t(
            '停用后该单位不再接收新工单：派单目录以其为主办的诉求转人工派单，以其为协办的不再派给它，派单员、协商和提级统筹都不能再选择它；已有工单照常办理。可随时重新启用。',
            'It then takes no new work: requests the catalog gives it as primary wait for a dispatcher, as assisting go without it, and no dispatcher, negotiation or escalation may choose it; its open orders go on. It can be reactivated at any time.',
          ),
      okText: active ? t('启用', 'Reactivate') : t('停用', 'Deactivate'),
      okButtonProps: active ? {} : { danger: true },
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        setActionError(undefined);
        try {
          const body: PatchBody = { active };
          const saved = await unwrap<UnitAdminView>(api.dispatch.PATCH('/v1/units/{id}', { params: { path: { id: u.id } }, body }));
          void message.success(active ? t(`已启用 ${saved.name}`, `${saved.name} reactivated`) : t(`已停用 ${saved.name}`, `${saved.name} deactivated`));
          list.reload();
          all.reload();
        } catch (err) {
          setActionError(err);
        }
      },
    });

  const register = async (v: UnitValues) => {
    setBusy(true);
    setError(undefined);
    const body: RegisterBody = { code: v.code.trim(), name: v.name, areaCodes: splitList(v.areas), level: v.level, ...(v.parentId ? { parentId: v.parentId } : {}) };
    try {
      const unit = await unwrap<UnitAdminView>(api.dispatch.POST('/v1/units', { body }));
      void message.success(t(`已登记承办单位 ${unit.code} ${unit.name}`, `Unit ${unit.code} ${unit.name} registered`));
      form.resetFields();
      list.reload();
      all.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={canEdit ? 15 : 24}>
        <Card
          title={<PageTitle>{t('承办单位', 'Handling units')}</PageTitle>}
          extra={
            <Input.Search
              id="units-area"
              aria-label={t('按管辖区域代码筛选', 'Filter by area code')}
              placeholder={t('区域代码，如 320102', 'Area code, e.g. 320102')}
              allowClear
              style={{ width: 240 }}
              onSearch={(v) => setArea(v.trim() || undefined)}
            />
          }
        >
          <SettingsProblem error={list.error ?? actionError} fields={FIELDS} />
          {!canEdit && <ReadOnlyNote what={['承办单位', 'the units']} />}
          {area && <Typography.Paragraph type="secondary">{t(`管辖范围覆盖 ${area} 的单位`, `Units whose jurisdiction covers ${area}`)}</Typography.Paragraph>}
          <Table<UnitRow>
            rowKey="id"
            size="small"
            data-testid="units"
            loading={list.loading && !list.data}
            dataSource={tree}
            expandable={{ defaultExpandAllRows: true }}
            key={`${area ?? ''}:${list.data?.items.length ?? 0}`}
            pagination={false}
            locale={{ emptyText: <Typography.Text>{t('没有单位', 'No units')}</Typography.Text> }}
            columns={[
              { title: t('单位', 'Unit'), key: 'unit', render: (_: unknown, u) => <span><Typography.Text strong>{u.name}</Typography.Text> <Typography.Text type="secondary">{u.code}</Typography.Text></span> },
              { title: t('层级', 'Level'), key: 'level', render: (_: unknown, u) => t.label(UNIT_LEVEL_LABELS[u.level], u.level) },
              { title: t('状态', 'State'), key: 'state', render: (_: unknown, u) => <UnitState unit={u} /> },
              { title: t('管辖区域', 'Areas'), key: 'areas', render: (_: unknown, u) => <Space size={[4, 4]} wrap>{u.areaCodes.map((a) => <Tag key={a}>{a}</Tag>)}</Space> },
              { title: t('登记时间', 'Registered'), key: 'created', render: (_: unknown, u) => formatTime(u.createdAt, t.lang) },
              ...(canEdit
                ? [
                    {
                      title: t('操作', 'Actions'),
                      key: 'edit',
                      render: (_: unknown, u: UnitRow) => (
                        <Space size={4}>
                          <Button size="small" aria-label={t(`编辑 ${u.name}`, `Edit ${u.name}`)} onClick={() => setEditing(u)}>{t('编辑', 'Edit')}</Button>
                          {u.active ? (
                            <Button size="small" danger aria-label={t(`停用 ${u.name}`, `Deactivate ${u.name}`)} onClick={() => setActive(u, false)}>{t('停用', 'Deactivate')}</Button>
                          ) : (
                            <Button size="small" aria-label={t(`启用 ${u.name}`, `Reactivate ${u.name}`)} onClick={() => setActive(u, true)}>{t('启用', 'Reactivate')}</Button>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
      {canEdit && (
        <Col xs={24} xl={9}>
          {editing && (
            <div style={{ marginBottom: 24 }}>
              <UnitEdit
                key={editing.id}
                unit={editing}
                units={all.data?.items ?? []}
                onClose={() => setEditing(undefined)}
                onSaved={() => {
                  setEditing(undefined);
                  list.reload();
                  all.reload();
                }}
              />
            </div>
          )}
          <Card title={<PageTitle level={3}>{t('登记承办单位', 'Register a unit')}</PageTitle>}>
            <SettingsProblem error={error} fields={FIELDS} conflict={['该单位代码已被使用', 'This unit code is taken']} />
            <Form<UnitValues> form={form} layout="vertical" initialValues={{ level: DEFAULT_UNIT_LEVEL }} onFinish={(v) => void register(v)} aria-label={t('登记承办单位', 'Register a unit')}>
              <Form.Item name="code" label={t('单位代码（单位人员令牌中的 unit）', 'Unit code (the unit claim of its staff)')} htmlFor="unit-code" rules={[{ required: true, pattern: /^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/, message: t('字母、数字和连字符，至多 40 个', 'Letters, digits and dashes, at most 40') }]}>
                <Input id="unit-code" maxLength={40} />
              </Form.Item>
              <Form.Item name="name" label={t('单位名称', 'Name')} htmlFor="unit-name" rules={[{ required: true, whitespace: true, message: t('请填写单位名称', 'Enter the name') }]}>
                <Input id="unit-name" maxLength={100} />
              </Form.Item>
              <Form.Item name="parentId" label={t('上级单位', 'Parent unit')} htmlFor="unit-parent">
                <Select id="unit-parent" allowClear showSearch optionFilterProp="label" placeholder={t('无（顶级单位）', 'None (a root)')} options={(all.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} ${u.code}` }))} />
              </Form.Item>
              <Form.Item name="level" label={t('单位层级', 'Level')} htmlFor="unit-level">
                <Select<UnitLevel> id="unit-level" showSearch optionFilterProp="label" options={UNIT_LEVELS.map((l) => ({ value: l, label: t.label(UNIT_LEVEL_LABELS[l], l) }))} />
              </Form.Item>
              <Form.Item
                name="areas"
                label={t('管辖区域代码（2、4、6、9 或 12 位，逗号分隔）', 'Area codes (2, 4, 6, 9 or 12 digits, comma-separated)')}
                htmlFor="unit-areas"
                rules={[{ validator: (_, v: string | undefined) => (splitList(v).length ? Promise.resolve() : Promise.reject(new Error(t('至少填写一个区域代码', 'Enter at least one area code')))) }]}
              >
                <Input id="unit-areas" placeholder="320102, 320104" />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>{t('登记单位', 'Register unit')}</Button>
                <Button onClick={() => form.resetFields()}>{t('重置', 'Reset')}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
      )}
    </Row>
  );
}
