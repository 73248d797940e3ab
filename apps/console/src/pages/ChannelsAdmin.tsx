// 受理渠道 (tenant admin; supervisors read it): the hotline's intake channels (the code agents
// enter and requests carry, the name, the kind that revisit rules and rates group by, whether it
// takes requests), filtered on the server to the enabled ones, and a form to add one, enabled or
// not (POST /v1/channels); a channel is renamed or switched on and off in its row (PATCH
// /v1/channels/{code}). Its code and kind stay: requests carry the code, revisit rules the kind.
import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Segmented, Select, Space, Switch, Table, Typography } from 'antd';
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS, type ChannelKind } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { ChannelView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime } from './shared';
import { PageTitle, ReadOnlyNote, SettingsProblem } from './settings-shared';
import { SwitchField } from './SwitchField';

const FIELDS: Record<string, [string, string]> = { code: ['渠道代码', 'Channel code'], name: ['渠道名称', 'Name'], kind: ['渠道类型', 'Kind'], enabled: ['启用', 'Enabled'] };

interface ChannelValues {
  code: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
}

export function ChannelsAdmin({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChannelValues>();
  const [show, setShow] = useState<'all' | 'enabled'>('all');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const list = usePolled(() => unwrap<{ items: ChannelView[] }>(api.intake.GET('/v1/channels', { params: { query: show === 'enabled' ? { enabled: 'true' } : {} } })), [show], 60_000);

  const [changing, setChanging] = useState<string>();
  const [rowError, setRowError] = useState<unknown>();
  const change = async (c: ChannelView, patch: { name?: string; enabled?: boolean }) => {
    setChanging(c.code);
    setRowError(undefined);
    try {
      const saved = await unwrap<ChannelView>(api.intake.PATCH('/v1/channels/{code}', { params: { path: { code: c.code } }, body: patch }));
      if (patch.enabled !== undefined) void message.success(saved.enabled ? t(`已启用渠道 ${saved.name}`, `Channel ${saved.name} enabled`) : t(`已停用渠道 ${saved.name}：不再受理新的诉求`, `Channel ${saved.name} disabled: it takes no new requests`));
      else void message.success(t(`渠道已改名为 ${saved.name}`, `Channel renamed ${saved.name}`));
      list.reload();
    } catch (err) {
      setRowError(err);
    } finally {
      setChanging(undefined);
    }
  };

  const create = async (v: ChannelValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const channel = await unwrap<ChannelView>(api.intake.POST('/v1/channels', { body: { code: v.code.trim(), name: v.name, kind: v.kind, enabled: v.enabled } }));
      void message.success(t(`已添加渠道 ${channel.code} ${channel.name}`, `Channel ${channel.code} ${channel.name} added`));
      form.resetFields();
      list.reload();
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
          title={<PageTitle>{t('受理渠道', 'Intake channels')}</PageTitle>}
          extra={
            <Segmented<'all' | 'enabled'>
              aria-label={t('显示哪些渠道', 'Which channels')}
              value={show}
              onChange={setShow}
              options={[
                { value: 'all', label: t('全部', 'All') },
                { value: 'enabled', label: t('仅启用', 'Enabled only') },
              ]}
            />
          }
        >
          <SettingsProblem error={list.error ?? rowError} fields={FIELDS} />
          {!canEdit && <ReadOnlyNote what={['受理渠道', 'the channels']} />}
          <Table<ChannelView>
            rowKey="id"
            size="small"
            data-testid="channels"
            loading={list.loading && !list.data}
            dataSource={list.data?.items}
            pagination={false}
            locale={{ emptyText: <Typography.Text>{t('没有渠道', 'No channels')}</Typography.Text> }}
            columns={[
              { title: t('代码', 'Code'), dataIndex: 'code' },
              {
                title: t('名称', 'Name'),
                key: 'name',
                render: (_: unknown, c) => (
                  <Typography.Text
                    editable={
                      canEdit
                        ? {
                            tooltip: t('改名', 'Rename'),
                            text: c.name,
                            triggerType: ['icon'],
                            onChange: (name) => {
                              if (name.trim() && name.trim() !== c.name) void change(c, { name: name.trim() });
                            },
                          }
                        : false
                    }
                  >
                    {c.name}
                  </Typography.Text>
                ),
              },
              { title: t('类型', 'Kind'), key: 'kind', render: (_: unknown, c) => t.label(CHANNEL_KIND_LABELS[c.kind], c.kind) },
              {
                title: t('状态', 'State'),
                key: 'enabled',
                render: (_: unknown, c) => (
                  <Space size="small">
                    <Switch
                      size="small"
                      checked={c.enabled}
                      disabled={!canEdit}
                      loading={changing === c.code}
                      aria-label={t(`启用渠道 ${c.name}`, `Channel ${c.name} enabled`)}
                      onChange={(enabled) => void change(c, { enabled })}
                    />
                    <span data-testid={`channel-state-${c.code}`}>{c.enabled ? t('启用', 'Enabled') : t('停用', 'Disabled')}</span>
                  </Space>
                ),
              },
              { title: t('添加时间', 'Added'), key: 'created', render: (_: unknown, c) => formatTime(c.createdAt, t.lang) },
            ]}
          />
        </Card>
      </Col>
      {canEdit && (
        <Col xs={24} xl={9}>
          <Card title={<PageTitle level={3}>{t('添加渠道', 'Add a channel')}</PageTitle>}>
            <SettingsProblem error={error} fields={FIELDS} conflict={['该渠道代码已被使用', 'This channel code is taken']} />
            <Typography.Paragraph type="secondary">{t('渠道代码和类型添加后不能修改，请核对后提交；名称和启用状态可在列表中修改。', 'A channel’s code and kind cannot change once added: check before you add it. Its name and state change in the list.')}</Typography.Paragraph>
            <Form<ChannelValues> form={form} layout="vertical" initialValues={{ enabled: true }} onFinish={(v) => void create(v)} aria-label={t('添加渠道', 'Add a channel')}>
              <Form.Item name="code" label={t('渠道代码（小写字母、数字、连字符）', 'Code (lowercase letters, digits, dashes)')} htmlFor="channel-code" rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{0,39}$/, message: t('小写字母、数字和连字符，至多 40 个', 'Lowercase letters, digits and dashes, at most 40') }]}>
                <Input id="channel-code" maxLength={40} />
              </Form.Item>
              <Form.Item name="name" label={t('渠道名称', 'Name')} htmlFor="channel-name" rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter the name') }]}>
                <Input id="channel-name" maxLength={100} />
              </Form.Item>
              <Form.Item name="kind" label={t('渠道类型', 'Kind')} htmlFor="channel-kind" rules={[{ required: true, message: t('请选择渠道类型', 'Choose the kind') }]}>
                <Select<ChannelKind> id="channel-kind" showSearch optionFilterProp="label" options={CHANNEL_KINDS.map((k) => ({ value: k, label: t.label(CHANNEL_KIND_LABELS[k], k) }))} />
              </Form.Item>
              <SwitchField name="enabled" id="channel-enabled" label={t('添加后即受理诉求', 'Takes requests once added')} on={t('启用', 'Enabled')} off={t('停用', 'Disabled')} />
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>{t('添加渠道', 'Add channel')}</Button>
                <Button onClick={() => form.resetFields()}>{t('重置', 'Reset')}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
      )}
    </Row>
  );
}
