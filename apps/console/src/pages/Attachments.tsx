// 附件 on a unit's order page (ADR 0028): the files that came with the request (intake keeps
// them; agents and supervisors add them, the primary unit reads them) and the unit's own evidence
// for its answer (handling keeps them; the unit adds them while the order is open). The limits
// shown are the hotline's own policy; the services check the bytes, the size and the count again.
// A download is a clear read of personal data: it states its purpose and is recorded.
import { useState } from 'react';
import { App, Button, Card, Select, Space, Table, Typography, Upload } from 'antd';
import {
  ATTACHMENT_CONTENT_TYPE_LABELS,
  ATTACHMENT_SCAN_RESULT_LABELS,
  PII_ACCESS_PURPOSE_LABELS,
  PII_ACCESS_PURPOSES,
  type AttachmentContentType,
  type PiiAccessPurpose,
  type WorkOrderStatus,
} from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { AttachmentPolicyView, AttachmentView } from '../api/views';
import { type Translate, useT } from '../i18n';
import { usePolled } from '../polling';
import { formatTime, ProblemAlert } from './shared';

/** The fields an upload's problem names, in the user's words. */
const UPLOAD_FIELDS: Record<string, [string, string]> = {
  '(body)': ['文件', 'File'],
  'header.content-type': ['文件类型', 'File type'],
  'query.filename': ['文件名', 'File name'],
  'query.purpose': ['查看用途', 'Purpose'],
};

/** Orders in these states still take the unit's evidence (handling refuses the others with a 409). */
const TAKING_ATTACHMENTS: readonly WorkOrderStatus[] = ['awaiting-sign', 'in-progress'];

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} B`;
}

function typeLabel(t: Translate, type: AttachmentContentType): string {
  return t.label(ATTACHMENT_CONTENT_TYPE_LABELS[type], type);
}

/** "PDF 文档、PNG 图片 …；单个文件不超过 10 MiB，最多 20 个" from the policy. */
function PolicyLine({ policy }: { policy: AttachmentPolicyView | undefined }) {
  const t = useT();
  if (!policy) return null;
  const types = policy.contentTypes.map((c) => typeLabel(t, c)).join(t('、', ', '));
  return (
    <Typography.Text type="secondary" data-testid="attachment-policy">
      {t(`允许的类型：${types}；单个文件不超过 ${formatBytes(policy.maxFileBytes)}，每单最多 ${policy.maxFilesPerOwner} 个`, `Types taken: ${types}; at most ${formatBytes(policy.maxFileBytes)} a file and ${policy.maxFilesPerOwner} files an order`)}
    </Typography.Text>
  );
}

/** Saves a downloaded file under its kept name (the service serves it as an attachment, never inline). */
function saveAs(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function AttachmentTable({ testId, items, loading, onDownload }: { testId: string; items: AttachmentView[] | undefined; loading: boolean; onDownload: (a: AttachmentView) => void }) {
  const t = useT();
  return (
    <Table<AttachmentView>
      rowKey="id"
      size="small"
      data-testid={testId}
      pagination={false}
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Typography.Text>{t('暂无附件', 'No attachments')}</Typography.Text> }}
      columns={[
        { title: t('文件名', 'File'), dataIndex: 'filename' },
        { title: t('类型', 'Type'), key: 'type', render: (_: unknown, a) => typeLabel(t, a.contentType) },
        { title: t('大小', 'Size'), key: 'size', render: (_: unknown, a) => formatBytes(a.size) },
        { title: t('病毒扫描', 'Scan'), key: 'scan', render: (_: unknown, a) => t.label(ATTACHMENT_SCAN_RESULT_LABELS[a.scanResult], a.scanResult) },
        { title: t('上传时间', 'Uploaded'), key: 'at', render: (_: unknown, a) => formatTime(a.uploadedAt, t.lang) },
        {
          title: '',
          key: 'download',
          // Erased by retention (ADR 0033): the row stays, the bytes are gone.
          render: (_: unknown, a) =>
            a.erasedAt ? (
              <Typography.Text type="secondary" data-erased={a.erasedAt}>
                {t(`已按留存期限删除（${formatTime(a.erasedAt, t.lang)}）`, `Erased under retention (${formatTime(a.erasedAt, t.lang)})`)}
              </Typography.Text>
            ) : (
              <Button size="small" aria-label={t(`下载 ${a.filename}`, `Download ${a.filename}`)} onClick={() => onDownload(a)}>
                {t('下载', 'Download')}
              </Button>
            ),
        },
      ]}
    />
  );
}

export function OrderAttachments({ workOrderId, requestId, status, assisting }: { workOrderId: string; requestId: string; status: WorkOrderStatus; assisting: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [purpose, setPurpose] = useState<PiiAccessPurpose>('handle-request');
  const [error, setError] = useState<unknown>();
  const [uploading, setUploading] = useState(false);
  // The request's files are its primary unit's to read (intake answers an assisting unit 404).
  const requestFiles = usePolled(
    async () => (assisting ? undefined : unwrap<{ items: AttachmentView[] }>(api.intake.GET('/v1/requests/{id}/attachments', { params: { path: { id: requestId } } }))),
    [requestId, assisting],
  );
  const answerFiles = usePolled(() => unwrap<{ items: AttachmentView[] }>(api.handling.GET('/v1/work-orders/{id}/attachments', { params: { path: { id: workOrderId } } })), [workOrderId]);
  const policy = usePolled(() => unwrap<AttachmentPolicyView>(api.handling.GET('/v1/attachment-policy')), [], 600_000);
  const open = TAKING_ATTACHMENTS.includes(status);

  const run = async (what: () => Promise<void>) => {
    setError(undefined);
    try {
      await what();
    } catch (err) {
      setError(err);
    }
  };
  const upload = (file: File) =>
    run(async () => {
      setUploading(true);
      try {
        await unwrap(
          api.handling.POST('/v1/work-orders/{id}/attachments', {
            params: { path: { id: workOrderId }, query: { filename: file.name } },
            // The file goes as the raw body, its type as Content-Type (ADR 0028): openapi-typescript
            // types a binary body as a string, so the serializer hands fetch the File itself.
            body: '',
            bodySerializer: () => file,
            headers: { 'content-type': file.type || 'application/octet-stream' },
          }),
        );
      } finally {
        setUploading(false);
      }
      void message.success(t(`已上传 ${file.name}`, `Uploaded ${file.name}`));
      answerFiles.reload();
    });
  const download = (owner: 'request' | 'work-order') => (a: AttachmentView) =>
    run(async () => {
      const blob =
        owner === 'request'
          ? await unwrap<Blob>(api.intake.GET('/v1/requests/{id}/attachments/{attachmentId}', { params: { path: { id: requestId, attachmentId: a.id }, query: { purpose } }, parseAs: 'blob' }))
          : await unwrap<Blob>(api.handling.GET('/v1/work-orders/{id}/attachments/{attachmentId}', { params: { path: { id: workOrderId, attachmentId: a.id }, query: { purpose } }, parseAs: 'blob' }));
      saveAs(blob, a.filename);
      void message.success(t('已下载（已留痕）', 'Downloaded (recorded)'));
    });

  return (
    <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('附件', 'Attachments')}</Typography.Title>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ProblemAlert error={error ?? requestFiles.error ?? answerFiles.error} fields={UPLOAD_FIELDS} />
        <Space wrap>
          <label htmlFor="attachment-purpose">{t('下载用途（留痕）', 'Purpose of downloads (recorded)')}</label>
          <Select<PiiAccessPurpose>
            id="attachment-purpose"
            style={{ width: 200 }}
            value={purpose}
            onChange={setPurpose}
            options={PII_ACCESS_PURPOSES.map((p) => ({ value: p, label: t.label(PII_ACCESS_PURPOSE_LABELS[p], p) }))}
          />
        </Space>
        {!assisting && (
          <>
            <Typography.Title level={4} style={{ fontSize: 14, margin: 0 }}>{t('诉求附件', 'Files of the request')}</Typography.Title>
            <AttachmentTable testId="request-attachments" items={requestFiles.data?.items} loading={requestFiles.loading && !requestFiles.data} onDownload={(a) => void download('request')(a)} />
          </>
        )}
        <Typography.Title level={4} style={{ fontSize: 14, margin: 0 }}>{t('答复附件（本单位）', 'Evidence for the answer (your unit)')}</Typography.Title>
        <AttachmentTable testId="answer-attachments" items={answerFiles.data?.items} loading={answerFiles.loading && !answerFiles.data} onDownload={(a) => void download('work-order')(a)} />
        {open && (
          <Space direction="vertical">
            <Upload
              accept={(policy.data?.contentTypes ?? []).join(',')}
              showUploadList={false}
              disabled={uploading}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button loading={uploading}>{t('上传答复附件', 'Upload a file for the answer')}</Button>
            </Upload>
            <PolicyLine policy={policy.data} />
          </Space>
        )}
      </Space>
    </Card>
  );
}
