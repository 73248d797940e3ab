import type { PiiAccess } from './pii-access.repository';

export function toPiiAccessView(a: PiiAccess) {
  return {
    id: a.id,
    accessedAt: a.accessedAt.toISOString(),
    subject: a.subject,
    roles: a.roles,
    purpose: a.purpose,
    workOrderId: a.workOrderId,
    requestId: a.requestId,
    fields: a.fields,
  };
}
