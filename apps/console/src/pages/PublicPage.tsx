// The public page (mobile first, no sign-in): submit a request online, then follow it by its
// number and 提取码 (access code). Only the progress is shown, never the request's content.
import { type ReactNode, useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Steps, Tabs, Typography } from 'antd';
import { REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS, REQUEST_TYPES } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/generated/intake';
import type { PublicProgressView } from '../api/views';
import { useT } from '../i18n';
import { formatTime, ProblemAlert } from './shared';

type Submission = paths['/v1/public/{tenant}/requests']['post']['requestBody']['content']['application/json'];
const FIELDS: Record<string, [string, string]> = {
  'requester.name': ['姓名', 'Name'],
  'requester.phone': ['手机号码', 'Phone'],
  title: ['标题', 'Title'],
  content: ['诉求内容', 'What happened'],
  areaCode: ['所在区域', 'Area'],
  code: ['提取码', 'Access code'],
};

function Submit({ tenant, onSubmitted }: { tenant: string; onSubmitted: (number: string, code: string) => void }) {
  const t = useT();
  const [error, setError] = useState<unknown>();
  const [receipt, setReceipt] = useState<{ number: string; accessCode: string }>();
  if (receipt)
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="receipt">
        <Typography.Title level={2} style={{ fontSize: 18 }}>{t('提交成功', 'Submitted')}</Typography.Title>
        <Typography.Paragraph>
          {t('诉求编号', 'Number')}: <Typography.Text strong copyable data-testid="receipt-number">{receipt.number}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('提取码', 'Access code')}: <Typography.Text strong copyable data-testid="receipt-code">{receipt.accessCode}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('请妥善保存编号和提取码，用于查询办理进度。', 'Keep the number and the access code to follow the progress.')}</Typography.Paragraph>
        <Button type="primary" block onClick={() => onSubmitted(receipt.number, receipt.accessCode)}>{t('查询进度', 'Track it')}</Button>
      </Space>
    );
  return (
    <Form<Submission & { name: string; phone: string }>
      layout="vertical"
      aria-label={t('提交诉求', 'Submit a request')}
      initialValues={{ requestType: 'consultation' }}
      onFinish={(v) => {
        setError(undefined);
        const { name, phone, ...rest } = v;
        unwrap<{ number: string; accessCode: string }>(api.intake.POST('/v1/public/{tenant}/requests', { params: { path: { tenant } }, body: { ...rest, requester: { name, phone } } })).then(setReceipt, setError);
      }}
    >
      <ProblemAlert error={error} fields={FIELDS} />
      <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, message: t('请输入姓名', 'Enter your name') }]} htmlFor="pub-name"><Input id="pub-name" autoComplete="name" /></Form.Item>
      <Form.Item name="phone" label={t('手机号码', 'Phone')} rules={[{ required: true, pattern: /^[0-9+-]{5,20}$/, message: t('请输入正确的号码', 'Enter a valid number') }]} htmlFor="pub-phone"><Input id="pub-phone" inputMode="tel" autoComplete="tel" /></Form.Item>
      <Form.Item name="requestType" label={t('诉求类型', 'Type')} htmlFor="pub-type"><Select id="pub-type" options={REQUEST_TYPES.map((v) => ({ value: v, label: t.label(REQUEST_TYPE_LABELS[v], v) }))} /></Form.Item>
      <Form.Item name="areaCode" label={t('所在区域（行政区划代码）', 'Area (division code)')} rules={[{ required: true, message: t('请填写区域', 'Enter the area') }]} htmlFor="pub-area"><Input id="pub-area" inputMode="numeric" /></Form.Item>
      <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, message: t('请填写标题', 'Enter a title') }]} htmlFor="pub-title"><Input id="pub-title" maxLength={200} /></Form.Item>
      <Form.Item name="content" label={t('诉求内容', 'What happened')} rules={[{ required: true, message: t('请描述诉求', 'Describe it') }]} htmlFor="pub-content"><Input.TextArea id="pub-content" rows={4} maxLength={4000} /></Form.Item>
      <Button type="primary" htmlType="submit" block size="large">{t('提交', 'Submit')}</Button>
    </Form>
  );
}

function Track({ tenant, initial }: { tenant: string; initial?: { number: string; code: string } }) {
  const t = useT();
  const [error, setError] = useState<unknown>();
  const [progress, setProgress] = useState<PublicProgressView>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form<{ number: string; code: string }>
        layout="vertical"
        aria-label={t('查询进度', 'Track a request')}
        initialValues={initial}
        onFinish={(v) => {
          setError(undefined);
          unwrap<PublicProgressView>(api.intake.GET('/v1/public/{tenant}/requests/{number}', { params: { path: { tenant, number: v.number.trim() }, query: { code: v.code.trim() } } })).then(setProgress, (e: unknown) => { setProgress(undefined); setError(e); });
        }}
      >
        <ProblemAlert error={error} fields={FIELDS} />
        <Form.Item name="number" label={t('诉求编号', 'Number')} rules={[{ required: true, message: t('请输入编号', 'Enter the number') }]} htmlFor="track-number"><Input id="track-number" /></Form.Item>
        <Form.Item name="code" label={t('提取码', 'Access code')} rules={[{ required: true, message: t('请输入提取码', 'Enter the access code') }]} htmlFor="track-code"><Input id="track-code" inputMode="numeric" /></Form.Item>
        <Button type="primary" htmlType="submit" block size="large">{t('查询', 'Look up')}</Button>
      </Form>
      {progress && (
        <Card size="small" title={progress.number} data-testid="progress">
          <Steps
            direction="vertical"
            size="small"
            current={progress.timeline.length - 1}
            items={progress.timeline.map((e) => ({ title: t.label(REQUEST_STATUS_LABELS[e.status], e.status), description: formatTime(e.at, t.lang) }))}
          />
        </Card>
      )}
    </Space>
  );
}

export function PublicPage({ tenant, langSwitch }: { tenant: string; langSwitch: ReactNode }) {
  const t = useT();
  const [tab, setTab] = useState('submit');
  const [tracked, setTracked] = useState<{ number: string; code: string }>();
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{t('12345 政务服务便民热线', '12345 Government Service Hotline')}</Typography.Title>
        {langSwitch}
      </header>
      <main>
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'submit', label: t('我要反映', 'Submit'), children: <Submit tenant={tenant} onSubmitted={(number, code) => { setTracked({ number, code }); setTab('track'); }} /> },
              { key: 'track', label: t('进度查询', 'Track'), children: <Track key={tracked?.number ?? ''} tenant={tenant} initial={tracked} /> },
            ]}
          />
        </Card>
      </main>
    </div>
  );
}
