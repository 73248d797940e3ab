import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  NOTIFICATION_RECIPIENT_KINDS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TEMPLATES,
  NotificationChannel,
  NotificationRecipientKind,
  NotificationStatus,
  NotificationTemplate,
  withSecretParamsMasked,
} from '@hotline/vocabulary';
import { pageShape } from '../http/schemas';

/** GET /v1/notifications: by status, template, recipient kind or request; a page, newest first. */
export const ListNotificationsQuery = z
  .object({
    status: z.enum(NOTIFICATION_STATUSES).optional(),
    template: z.enum(NOTIFICATION_TEMPLATES).optional(),
    recipientKind: z.enum(NOTIFICATION_RECIPIENT_KINDS).optional(),
    requestId: z.string().uuid().optional(),
    ...pageShape,
  })
  .strict();
export type ListNotifications = z.infer<typeof ListNotificationsQuery>;

/** A notification as the hotline sees it: to whom (masked), what (codes), and how its delivery stands. Never the address. */
export interface NotificationView {
  id: string;
  template: NotificationTemplate;
  recipientKind: NotificationRecipientKind;
  recipientRef: string;
  recipient: string;
  channel: NotificationChannel;
  params: Record<string, string>;
  sourceRef: string;
  requestId: string | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  /** When the clear address was last handed to a gateway (a requester's SMS through the webhook). */
  addressDisclosedAt: string | null;
}

interface Row {
  id: string;
  template: NotificationTemplate;
  recipient_kind: NotificationRecipientKind;
  recipient_ref: string;
  recipient_masked: string;
  channel: NotificationChannel;
  params: Record<string, string>;
  source_ref: string;
  request_id: string | null;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  address_disclosed_at: Date | null;
  total: number;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toView(r: Row): NotificationView {
  return {
    id: r.id,
    template: r.template,
    recipientKind: r.recipient_kind,
    recipientRef: r.recipient_ref,
    recipient: r.recipient_masked,
    channel: r.channel,
    params: withSecretParamsMasked(r.params),
    sourceRef: r.source_ref,
    requestId: r.request_id,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: iso(r.next_attempt_at),
    createdAt: r.created_at.toISOString(),
    lastAttemptAt: iso(r.last_attempt_at),
    deliveredAt: iso(r.delivered_at),
    failedAt: iso(r.failed_at),
    addressDisclosedAt: iso(r.address_disclosed_at),
  };
}

/** A page of the tenant's notifications (the transaction's tenant: row-level security), newest first. */
export async function listNotifications(manager: EntityManager, q: ListNotifications) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (q.status) add('n.status = ?', q.status);
  if (q.template) add('n.template = ?', q.template);
  if (q.recipientKind) add('n.recipient_kind = ?', q.recipientKind);
  if (q.requestId) add('n.request_id = ?', q.requestId);
  const where = clauses.length ? `where ${clauses.join(' and ')}` : '';
  params.push(q.limit, q.offset);
  // The queue has no row-level security of its own: it is joined to the tenant's visible rows only.
  const rows: Row[] = await manager.query(
    `select n.id, n.template, n.recipient_kind, n.recipient_ref, n.recipient_masked, n.channel, n.params, n.source_ref, n.request_id,
            n.status, n.attempts, n.last_error, q.next_attempt_at, n.created_at, n.last_attempt_at, n.delivered_at, n.failed_at,
            n.address_disclosed_at, count(*) over ()::int as total
       from notifications n left join notification_queue q on q.notification_id = n.id
       ${where}
      order by n.created_at desc, n.id desc
      limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  const total = rows[0]?.total ?? (q.offset > 0 ? await countNotifications(manager, where, params.slice(0, -2)) : 0);
  return { total, limit: q.limit, offset: q.offset, items: rows.map(toView) };
}

async function countNotifications(manager: EntityManager, where: string, params: unknown[]): Promise<number> {
  const [row]: Array<{ n: number }> = await manager.query(`select count(*)::int as n from notifications n ${where}`, params);
  return row?.n ?? 0;
}
