// The knowledge base's import (authors: supervisors and tenant admins): up to 1,000 articles from a
// CSV file (a header row of the article's field names: category,title,content,issuingUnit,
// materialKind,sourceDocument,keywords,validFrom,validUntil; 材料性质 as its Chinese label or its
// code; keywords comma-separated) or a JSON file (an array of articles, or { articles: [...] }).
// Every good row becomes an article in review; each bad one is reported with its row number
// (1 = the first after the header) and the fields at fault, and does not stop the others.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Space, Table, Typography, Upload } from 'antd';
import { api, unwrap } from '../api/client';
import type { KbImportReportView } from '../api/views';
import { useT } from '../i18n';
import { ARTICLE_FIELDS } from './KnowledgeArticleForm';
import { download, PageTitle, SettingsProblem } from './settings-shared';

export const KB_IMPORT_MAX_ROWS = 1000;
const TEMPLATE = 'category,title,content,issuingUnit,materialKind,sourceDocument,keywords,validFrom,validUntil\n城乡建设/物业管理,物业费收费标准如何查询,可登录市住房和城乡建设局网站查询。,市住房和城乡建设局,办事指南,,"物业费,收费标准",2026-01-01,\n';

const fieldName = (t: ReturnType<typeof useT>, f: string) => {
  const base = f.replace(/\.\d+$/, '');
  return ARTICLE_FIELDS[f] ? t(...ARTICLE_FIELDS[f]) : ARTICLE_FIELDS[base] ? t(...ARTICLE_FIELDS[base]) : f;
};

export function KnowledgeImport({ onImported }: { onImported: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const [report, setReport] = useState<KbImportReportView & { file: string }>();
  const [busy, setBusy] = useState(false);

  const send = async (file: File) => {
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      const text = await file.text();
      const json = /\.json$/i.test(file.name) || file.type === 'application/json';
      let body: { format: 'csv'; csv: string } | { format: 'json'; articles: unknown[] };
      if (json) {
        const parsed = JSON.parse(text) as unknown;
        const articles = Array.isArray(parsed) ? parsed : ((parsed as { articles?: unknown[] }).articles ?? []);
        if (articles.length > KB_IMPORT_MAX_ROWS) throw new Error('too many');
        body = { format: 'json', articles };
      } else body = { format: 'csv', csv: text.replace(/^\uFEFF/, '') };
      const result = await unwrap<KbImportReportView>(api.intake.POST('/v1/knowledge/imports', { body }));
      setReport({ ...result, file: file.name });
      void message.success(t(`导入 ${result.imported} 篇，${result.failed} 行有误`, `${result.imported} imported, ${result.failed} rows refused`));
      onImported();
    } catch (err) {
      if (err instanceof SyntaxError) void message.error(t('文件不是有效的 JSON', 'The file is not valid JSON'));
      else if (err instanceof Error && err.message === 'too many') void message.error(t(`一次最多导入 ${KB_IMPORT_MAX_ROWS} 篇`, `At most ${KB_IMPORT_MAX_ROWS} articles at once`));
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={<PageTitle level={3}>{t('批量导入文章', 'Import articles')}</PageTitle>}
      extra={
        <Space>
          <Button onClick={() => download('knowledge-import-template.csv', `\uFEFF${TEMPLATE}`, 'text/csv')}>{t('下载 CSV 模板', 'CSV template')}</Button>
          <Upload accept=".csv,.json,text/csv,application/json" showUploadList={false} beforeUpload={(file) => { void send(file); return false; }}>
            <Button type="primary" loading={busy}>{t('选择 CSV 或 JSON 文件', 'Choose a CSV or JSON file')}</Button>
          </Upload>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t(`一次至多 ${KB_IMPORT_MAX_ROWS} 篇。导入的文章进入待审核，审核通过后发布；有误的行单独列出，不影响其他行。`, `Up to ${KB_IMPORT_MAX_ROWS} at once. Imported articles wait for review; rows at fault are listed and do not stop the others.`)}
      </Typography.Paragraph>
      <SettingsProblem error={error} fields={{ csv: ['CSV 文件', 'CSV file'], articles: ['文章', 'Articles'] }} />
      {report && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div data-testid="kb-import-summary">
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('文件', 'File')}>{report.file}</Descriptions.Item>
            <Descriptions.Item label={t('行数', 'Rows')}>{report.rows}</Descriptions.Item>
            <Descriptions.Item label={t('已导入（待审核）', 'Imported (in review)')}>{report.imported}</Descriptions.Item>
            <Descriptions.Item label={t('有误', 'Refused')}>{report.failed}</Descriptions.Item>
          </Descriptions>
          </div>
          {report.errors.length > 0 && (
            <Table
              rowKey="row"
              size="small"
              data-testid="kb-import-errors"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={report.errors}
              columns={[
                { title: t('行号（表头后第几行）', 'Row (after the header)'), dataIndex: 'row' },
                {
                  title: t('问题', 'Problems'),
                  key: 'errors',
                  render: (_: unknown, r: KbImportReportView['errors'][number]) => (
                    <Space direction="vertical" size={0}>
                      {r.errors.map((e) => <span key={e.field}>{fieldName(t, e.field)}：{e.message}</span>)}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
