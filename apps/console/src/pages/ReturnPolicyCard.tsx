// The tenant's return policy as the dispatch desk reads it: the return window, the attempt at
// which the hotline designates (指定办理) the unit, and the reasons it accepts.
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { RETURN_REASON_LABELS } from '@hotline/vocabulary';
import { api, unwrap } from '../api/client';
import type { ReturnPolicyView } from '../api/views';
import { useT } from '../i18n';
import { type Polled, usePolled } from '../polling';
import { SourceTag } from './settings-shared';
import { ProblemAlert } from './shared';

export function useReturnPolicy(): Polled<ReturnPolicyView> {
  return usePolled(() => unwrap<ReturnPolicyView>(api.dispatch.GET('/v1/return-policy')), [], 600_000);
}

export function ReturnPolicyCard({ policy }: { policy: Polled<ReturnPolicyView> }) {
  const t = useT();
  const p = policy.data;
  return (
    <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('本热线退单规则', 'This hotline’s return policy')}</Typography.Title>} data-testid="return-policy">
      <ProblemAlert error={policy.error} />
      {p && (
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('退单时限', 'Return window')}>{t(`派单次日起 ${p.returnWindowWorkingDays} 个工作日`, `${p.returnWindowWorkingDays} working day(s) from the day after dispatch`)}</Descriptions.Item>
          <Descriptions.Item label={t('指定办理', 'Designation')}>{t(`第 ${p.maxDispatchAttempts} 次派单起指定办理，不得再退单`, `From dispatch attempt ${p.maxDispatchAttempts} the unit is designated and cannot return it`)}</Descriptions.Item>
          <Descriptions.Item label={t('规则来源', 'Source')}><SourceTag own={p.configured} ownLabel={['本热线配置', 'Set by this hotline']} updatedAt={p.updatedAt} /></Descriptions.Item>
          <Descriptions.Item label={t('可退单理由', 'Accepted reasons')} span={3}>
            <Space size={4} wrap>{p.returnReasons.map((r) => <Tag key={r}>{t.label(RETURN_REASON_LABELS[r], r)}</Tag>)}</Space>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
