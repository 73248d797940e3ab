// 省级运营: the tenant registry of the province (the cities and their status).
import { Badge, Card, Table, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { Page, TenantView } from '../api/views';
import { useT } from '../i18n';
import { usePolled } from '../polling';
import { ProblemAlert } from './shared';

export function TenantRegistry() {
  const t = useT();
  const list = usePolled(() => unwrap<Page<TenantView>>(api.intake.GET('/v1/tenants')), []);
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('租户登记', 'Tenant registry')}</Typography.Title>}>
      <ProblemAlert error={list.error} />
      <Table<TenantView>
        rowKey="code"
        size="small"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          { title: t('代码', 'Code'), dataIndex: 'code' },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: string) => (k === 'province' ? t('省', 'province') : t('市', 'city')) },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => <Badge status={s === 'active' ? 'success' : 'default'} text={s === 'active' ? t('启用', 'active') : s} /> },
        ]}
      />
    </Card>
  );
}
