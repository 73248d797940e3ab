// 承办单位 (tenant admin; supervisors read it): the tenant's handling units as their tree (parent →
// children), each with its level and the administrative areas it covers, filtered on the server
// by an area (GET /v1/units?area=…: the units whose jurisdiction covers it), and a form to
// register a unit (POST /v1/units). dispatch has no update or delete of a unit: a unit's code is
// in its staff's tokens and in every work order, so the page registers and shows only.
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DEFAULT_UNIT_LEVEL, UNIT_LEVEL_LABELS, UNIT_LEVELS, type UnitLevel } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/dispatch';
import type { UnitAdminView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime } from './shared';
import { PageTitle, ReadOnlyNote, SettingsProblem, splitList } from './settings-shared';

type RegisterBody = paths['/v1/units']['post']['requestBody']['content']['application/json'];
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

export function UnitsAdmin({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitValues>();
  const [area, setArea] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const list = usePolled(() => unwrap<{ items: UnitAdminView[] }>(api.dispatch.GET('/v1/units', { params: { query: area ? { area } : {} } })), [area], 60_000);
  // The parent picker lists every unit, whatever the filter.
  const all = usePolled(() => unwrap<{ items: UnitAdminView[] }>(api.dispatch.GET('/v1/units')), [], 60_000);
  const tree = useMemo(() => unitTree(list.data?.items ?? []), [list.data]);

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
          <SettingsProblem error={list.error} fields={FIELDS} />
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
              { title: t('管辖区域', 'Areas'), key: 'areas', render: (_: unknown, u) => <Space size={[4, 4]} wrap>{u.areaCodes.map((a) => <Tag key={a}>{a}</Tag>)}</Space> },
              { title: t('登记时间', 'Registered'), key: 'created', render: (_: unknown, u) => formatTime(u.createdAt, t.lang) },
            ]}
          />
        </Card>
      </Col>
      {canEdit && (
        <Col xs={24} xl={9}>
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
