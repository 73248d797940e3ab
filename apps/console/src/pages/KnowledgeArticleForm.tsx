// The form of a knowledge article version (知识库): a new article, or a new version of one that is
// sent for review while the published version stays what agents find. Fields as intake's
// ArticleBody (Xinyang's import format plus validity and source).
import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Select, Space, Typography } from 'antd';
import { KB_MATERIAL_KIND_LABELS, KB_MATERIAL_KINDS, type KbMaterialKind } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/intake';
import type { KbArticleView } from '../api/views';
import { useT } from '../i18n';
import { SettingsProblem, splitList } from './settings-shared';

type ArticleBody = paths['/v1/knowledge/articles']['post']['requestBody']['content']['application/json'];

export const ARTICLE_FIELDS: Record<string, [string, string]> = {
  category: ['类目', 'Category'],
  title: ['标题', 'Title'],
  content: ['正文', 'Content'],
  issuingUnit: ['发文单位', 'Issuing unit'],
  materialKind: ['材料性质', 'Material kind'],
  sourceDocument: ['依据文件', 'Source document'],
  keywords: ['关键字', 'Keywords'],
  validFrom: ['生效日期', 'Valid from'],
  validUntil: ['失效日期', 'Valid until'],
  id: ['文章', 'Article'],
  version: ['版本', 'Version'],
  reviewDueOn: ['复审日期', 'Review due'],
  note: ['审核意见', 'Review note'],
};
for (let i = 0; i < 20; i++) ARTICLE_FIELDS[`keywords.${i}`] = [`第 ${i + 1} 个关键字`, `keyword ${i + 1}`];

interface ArticleValues {
  category: string;
  title: string;
  content: string;
  issuingUnit: string;
  materialKind: KbMaterialKind;
  sourceDocument?: string;
  keywords: string;
  validFrom: string;
  validUntil?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);

/** Writes a new article (`of` undefined) or a new version of `of`, prefilled from its latest version. */
export function KnowledgeArticleForm({ of, onWritten }: { of?: KbArticleView; onWritten: (articleId: string, version: number) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ArticleValues>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.resetFields();
    const v = of?.versions[0];
    if (v)
      form.setFieldsValue({ category: v.category, title: v.title, content: v.content, issuingUnit: v.issuingUnit, materialKind: v.materialKind, sourceDocument: v.sourceDocument ?? undefined, keywords: v.keywords.join(', '), validFrom: v.validFrom, validUntil: v.validUntil ?? undefined });
  }, [of, form]);

  const write = async (v: ArticleValues) => {
    setBusy(true);
    setError(undefined);
    const body: ArticleBody = {
      category: v.category.trim(),
      title: v.title.trim(),
      content: v.content,
      issuingUnit: v.issuingUnit.trim(),
      materialKind: v.materialKind,
      keywords: splitList(v.keywords),
      validFrom: v.validFrom.trim(),
      ...(v.sourceDocument?.trim() ? { sourceDocument: v.sourceDocument.trim() } : {}),
      ...(v.validUntil?.trim() ? { validUntil: v.validUntil.trim() } : {}),
    };
    try {
      const written = await unwrap<{ articleId: string; version: number }>(
        of ? api.intake.POST('/v1/knowledge/articles/{id}/versions', { params: { path: { id: of.id } }, body }) : api.intake.POST('/v1/knowledge/articles', { body }),
      );
      void message.success(t(`已提交「${body.title}」第 ${written.version} 版，待审核`, `"${body.title}" version ${written.version} sent for review`));
      form.resetFields();
      onWritten(written.articleId, written.version);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const date = (required: boolean) => [{ required, pattern: DAY, message: t('日期格式 YYYY-MM-DD', 'A date YYYY-MM-DD') }];
  return (
    <Form<ArticleValues> form={form} layout="vertical" initialValues={{ materialKind: 'daily-inquiry', validFrom: today() }} onFinish={(v) => void write(v)} aria-label={of ? t('撰写新版本', 'Write a new version') : t('撰写新文章', 'Write a new article')} style={{ maxWidth: 860 }}>
      <SettingsProblem error={error} fields={ARTICLE_FIELDS} />
      {of && <Typography.Paragraph type="secondary">{t('新版本审核通过前，已发布的版本仍供话务员使用。', 'The published version stays what agents find until the new one is approved.')}</Typography.Paragraph>}
      <Space wrap align="start">
        <Form.Item name="category" label={t('类目（各级以 / 分隔）', 'Category (levels separated by /)')} htmlFor="kb-category" rules={[{ required: true, whitespace: true, message: t('请填写类目', 'Enter the category') }]}>
          <Input id="kb-category" maxLength={200} style={{ width: 260 }} placeholder="城乡建设/物业管理" />
        </Form.Item>
        <Form.Item name="materialKind" label={t('材料性质', 'Material kind')} htmlFor="kb-kind">
          <Select<KbMaterialKind> id="kb-kind" showSearch optionFilterProp="label" style={{ width: 180 }} options={KB_MATERIAL_KINDS.map((k) => ({ value: k, label: t.label(KB_MATERIAL_KIND_LABELS[k], k) }))} />
        </Form.Item>
        <Form.Item name="issuingUnit" label={t('发文单位', 'Issuing unit')} htmlFor="kb-unit" rules={[{ required: true, whitespace: true, message: t('请填写发文单位', 'Enter the issuing unit') }]}>
          <Input id="kb-unit" maxLength={100} style={{ width: 220 }} />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t('标题', 'Title')} htmlFor="kb-title" rules={[{ required: true, whitespace: true, message: t('请填写标题', 'Enter the title') }]}>
        <Input id="kb-title" maxLength={128} />
      </Form.Item>
      <Form.Item name="content" label={t('正文（答复口径）', 'Content (the answer)')} htmlFor="kb-content" rules={[{ required: true, whitespace: true, message: t('请填写正文', 'Enter the content') }]}>
        <Input.TextArea id="kb-content" rows={6} maxLength={20_000} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item
          name="keywords"
          label={t('关键字（逗号分隔，不得与标题相同）', 'Keywords (comma-separated, not the title)')}
          htmlFor="kb-keywords"
          rules={[{ validator: (_, v: string | undefined) => (splitList(v).length ? Promise.resolve() : Promise.reject(new Error(t('至少一个关键字', 'At least one keyword')))) }]}
        >
          <Input id="kb-keywords" style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name="sourceDocument" label={t('依据文件（文号或标题）', 'Source document')} htmlFor="kb-source">
          <Input id="kb-source" maxLength={200} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('生效日期', 'Valid from')} htmlFor="kb-from" rules={date(true)}>
          <Input id="kb-from" style={{ width: 130 }} placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="validUntil" label={t('失效日期（可空）', 'Valid until (optional)')} htmlFor="kb-until" rules={date(false)}>
          <Input id="kb-until" style={{ width: 130 }} placeholder="YYYY-MM-DD" />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={busy}>{of ? t('提交新版本审核', 'Send the new version for review') : t('提交审核', 'Send for review')}</Button>
    </Form>
  );
}
