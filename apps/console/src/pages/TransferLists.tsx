// 转办清单 (tenant admin; supervisors read it): the hotline's bilateral transfer lists with 110 and
// the other lines (e.g. 9类64项 12345→110), one direction at a time (GET /v1/linkage/transfer-list
// ?direction=…). Each item names the counterpart, its class and item, and the content categories
// and keywords a request matches it by (the agent desk suggests the outgoing items). The admin
// adds, changes and removes items here and saves the direction's list whole (PUT replaces it).
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { LINKAGE_COUNTERPART_LABELS, LINKAGE_COUNTERPARTS, LINKAGE_DIRECTION_LABELS, LINKAGE_DIRECTIONS, type LinkageCounterpart, type LinkageDirection } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { TransferListItemView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { PageTitle, ReadOnlyNote, SettingsProblem, splitList } from './settings-shared';

type Item = Omit<TransferListItemView, 'direction'>;
interface ItemValues {
  counterpart: LinkageCounterpart;
  code: string;
  className: string;
  itemName: string;
  categories?: string;
  keywords?: string;
}

function itemFields(items: readonly Item[]): Record<string, [string, string]> {
  const fields: Record<string, [string, string]> = { items: ['清单', 'The list'] };
  items.forEach((item, i) => {
    for (const [f, zh, en] of [['code', '编号', 'code'], ['className', '类别', 'class'], ['itemName', '事项', 'item'], ['categoryCodes', '分类代码', 'categories'], ['keywords', '关键词', 'keywords'], ['counterpart', '对方', 'counterpart']])
      fields[`items.${i}.${f}`] = [`${item.code} ${zh}`, `${item.code} ${en}`];
  });
  return fields;
}

export function TransferLists({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();
  const [direction, setDirection] = useState<LinkageDirection>('outgoing');
  const list = usePolled(() => unwrap<{ items: TransferListItemView[] }>(api.intake.GET('/v1/linkage/transfer-list', { params: { query: { direction } } })), [direction], 60_000);
  const [draft, setDraft] = useState<Item[]>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (list.data && !dirty) setDraft(list.data.items.map(({ counterpart, code, className, itemName, categoryCodes, keywords }) => ({ counterpart, code, className, itemName, categoryCodes, keywords })));
  }, [list.data, dirty]);

  const put = (v: ItemValues) => {
    const item: Item = { counterpart: v.counterpart, code: v.code.trim(), className: v.className.trim(), itemName: v.itemName.trim(), categoryCodes: splitList(v.categories), keywords: splitList(v.keywords) };
    setDraft((all) => {
      const rest = (all ?? []).filter((i) => i.code !== item.code);
      return [...rest, item].sort((a, b) => a.code.localeCompare(b.code));
    });
    setDirty(true);
    form.resetFields();
  };
  const edit = (item: Item) => {
    form.setFieldsValue({ ...item, categories: item.categoryCodes.join(', '), keywords: item.keywords.join(', ') });
    document.getElementById('transfer-code')?.focus();
  };
  const remove = (code: string) => {
    setDraft((all) => all?.filter((i) => i.code !== code));
    setDirty(true);
  };
  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await unwrap<{ direction: LinkageDirection; count: number }>(api.intake.PUT('/v1/linkage/transfer-list', { body: { direction, items: draft } }));
      setDirty(false);
      list.reload();
      void message.success(t(`已保存${LINKAGE_DIRECTION_LABELS[direction].zh}清单：${saved.count} 项`, `${LINKAGE_DIRECTION_LABELS[direction].en} list saved: ${saved.count} items`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const switchTo = (d: LinkageDirection) => {
    setDirty(false);
    setDraft(undefined);
    setDirection(d);
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={canEdit ? 15 : 24}>
        <Card
          title={<PageTitle>{t('转办清单', 'Transfer lists')}</PageTitle>}
          extra={
            <Space>
              <Segmented<LinkageDirection> aria-label={t('清单方向', 'Direction')} value={direction} onChange={switchTo} options={LINKAGE_DIRECTIONS.map((d) => ({ value: d, label: t.label(LINKAGE_DIRECTION_LABELS[d], d) }))} />
              {canEdit && <Button type="primary" loading={busy} disabled={!dirty} onClick={() => void save()}>{t('保存清单', 'Save the list')}</Button>}
              {canEdit && <Button disabled={!dirty} onClick={() => setDirty(false)}>{t('放弃修改', 'Discard changes')}</Button>}
            </Space>
          }
        >
          <SettingsProblem error={error ?? list.error} fields={itemFields(draft ?? [])} />
          {!canEdit && <ReadOnlyNote what={['转办清单', 'the transfer lists']} />}
          {dirty && <Typography.Paragraph type="warning" data-testid="transfer-unsaved">{t('有未保存的修改', 'Unsaved changes')}</Typography.Paragraph>}
          <Table<Item>
            rowKey="code"
            size="small"
            data-testid="transfer-list"
            loading={list.loading && !draft}
            dataSource={draft}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Typography.Text>{t('清单为空', 'The list is empty')}</Typography.Text> }}
            columns={[
              { title: t('编号', 'Code'), dataIndex: 'code' },
              { title: t('对方', 'Counterpart'), key: 'counterpart', render: (_: unknown, i) => t.label(LINKAGE_COUNTERPART_LABELS[i.counterpart], i.counterpart) },
              { title: t('类别 / 事项', 'Class / item'), key: 'item', render: (_: unknown, i) => `${i.className} / ${i.itemName}` },
              { title: t('匹配分类', 'Categories'), key: 'categories', render: (_: unknown, i) => i.categoryCodes.map((c) => <Tag key={c}>{c}</Tag>) },
              { title: t('关键词', 'Keywords'), key: 'keywords', render: (_: unknown, i) => i.keywords.join('、') },
              ...(canEdit
                ? [{
                    title: t('操作', 'Action'),
                    key: 'edit',
                    render: (_: unknown, i: Item) => (
                      <Space>
                        <Button size="small" aria-label={t(`编辑 ${i.code}`, `Edit ${i.code}`)} onClick={() => edit(i)}>{t('编辑', 'Edit')}</Button>
                        <Button size="small" danger aria-label={t(`删除 ${i.code}`, `Remove ${i.code}`)} onClick={() => remove(i.code)}>{t('删除', 'Remove')}</Button>
                      </Space>
                    ),
                  }]
                : []),
            ]}
          />
        </Card>
      </Col>
      {canEdit && (
        <Col xs={24} xl={9}>
          <Card title={<PageTitle level={3}>{t('添加或修改事项', 'Add or change an item')}</PageTitle>}>
            <Typography.Paragraph type="secondary">{t('同一编号的事项会被替换；修改在“保存清单”后生效。', 'An item of the same code is replaced; changes apply once the list is saved.')}</Typography.Paragraph>
            <Form<ItemValues> form={form} layout="vertical" initialValues={{ counterpart: '110' }} onFinish={put} aria-label={t('转办事项', 'Transfer item')}>
              <Form.Item name="counterpart" label={t('对方', 'Counterpart')} htmlFor="transfer-counterpart">
                <Select<LinkageCounterpart> id="transfer-counterpart" showSearch optionFilterProp="label" options={LINKAGE_COUNTERPARTS.map((c) => ({ value: c, label: t.label(LINKAGE_COUNTERPART_LABELS[c], c) }))} />
              </Form.Item>
              <Form.Item name="code" label={t('编号（如 T1-03）', 'Code (e.g. T1-03)')} htmlFor="transfer-code" rules={[{ required: true, pattern: /^[A-Za-z0-9-]{1,20}$/, message: t('字母、数字和连字符，至多 20 个', 'Letters, digits and dashes, at most 20') }]}>
                <Input id="transfer-code" maxLength={20} />
              </Form.Item>
              <Form.Item name="className" label={t('类别', 'Class')} htmlFor="transfer-class" rules={[{ required: true, whitespace: true, message: t('请填写类别', 'Enter the class') }]}>
                <Input id="transfer-class" maxLength={100} placeholder="刑事类" />
              </Form.Item>
              <Form.Item name="itemName" label={t('事项', 'Item')} htmlFor="transfer-item" rules={[{ required: true, whitespace: true, message: t('请填写事项', 'Enter the item') }]}>
                <Input id="transfer-item" maxLength={200} placeholder="持械威胁" />
              </Form.Item>
              <Form.Item name="categories" label={t('匹配的分类代码（逗号分隔）', 'Category codes it matches (comma-separated)')} htmlFor="transfer-categories">
                <Input id="transfer-categories" />
              </Form.Item>
              <Form.Item
                name="keywords"
                label={t('匹配的关键词（逗号分隔）', 'Keywords it matches (comma-separated)')}
                htmlFor="transfer-keywords"
                dependencies={['categories']}
                rules={[({ getFieldValue }) => ({ validator: (_, v: string | undefined) => (splitList(v).length || splitList(getFieldValue('categories') as string).length ? Promise.resolve() : Promise.reject(new Error(t('至少填写一个分类代码或关键词', 'Give a category code or a keyword')))) })]}
              >
                <Input id="transfer-keywords" />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit">{t('放入清单', 'Put in the list')}</Button>
                <Button onClick={() => form.resetFields()}>{t('清空', 'Clear')}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
      )}
    </Row>
  );
}
