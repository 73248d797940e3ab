import { EntityManager } from 'typeorm';
import { DEFAULT_SIGN_OFF_POLICY, isImportantOrder, SignOffPolicy } from '@hotline/handling-domain';
import { isUrgency } from '@hotline/vocabulary';
import { WorkOrderEntity } from '../work-orders/work-order.entity';
import { SignOffPolicyEntity } from './sign-off-policy.entity';

/**
 * Leader sign-off is off unless the tenant turns it on (DEFAULT_SIGN_OFF_POLICY): the national
 * draft names no rule; Bengbu's (分管负责人 signs the reply, 重件 the 主要负责人 [S33]) and a
 * bureau's [S20] are local.
 */
export async function loadSignOffPolicy(manager: EntityManager): Promise<SignOffPolicy & { source: 'tenant' | 'default' }> {
  const row = await manager.getRepository(SignOffPolicyEntity).findOne({ where: {} });
  if (!row) return { ...DEFAULT_SIGN_OFF_POLICY, source: 'default' };
  return { required: row.required, importantUrgencies: row.importantUrgencies.filter(isUrgency), importantWhenSupervised: row.importantWhenSupervised, source: 'tenant' };
}

/** Whether the order is a 重件 under the policy: its request's urgency, or a 督办 order on it. */
export async function isImportant(manager: EntityManager, order: WorkOrderEntity, policy: SignOffPolicy): Promise<boolean> {
  const supervised = policy.importantWhenSupervised
    ? ((await manager.query(`select 1 from supervision_orders where work_order_id = $1 limit 1`, [order.id])) as unknown[]).length > 0
    : false;
  return isImportantOrder({ urgency: order.brief.urgency, supervised }, policy);
}

export async function saveSignOffPolicy(manager: EntityManager, row: SignOffPolicyEntity): Promise<void> {
  await manager.getRepository(SignOffPolicyEntity).save(row);
}

/** An answer a unit operator drafted, waiting for the unit leader (texts masked, clear text encrypted). */
export interface AnswerDraft {
  workOrderId: string;
  tenantId: string;
  answer: string | null;
  answerEnc: Buffer | null;
  basis: string | null;
  basisEnc: Buffer | null;
  contactRecord: string | null;
  contactRecordEnc: Buffer | null;
  state: 'awaiting-sign-off' | 'returned';
  submittedBy: string;
  submittedAt: Date;
  returnedBy: string | null;
  returnedAt: Date | null;
  returnNote: string | null;
}

const COLUMNS = `work_order_id, tenant_id, answer, answer_enc, basis, basis_enc, contact_record, contact_record_enc, state,
  submitted_by, submitted_at, returned_by, returned_at, return_note`;

/** One draft per order: a new one replaces the last (after a return, or a correction). */
export async function saveDraft(manager: EntityManager, d: AnswerDraft): Promise<void> {
  await manager.query(
    `insert into answer_drafts (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     on conflict (work_order_id) do update set answer = excluded.answer, answer_enc = excluded.answer_enc, basis = excluded.basis,
       basis_enc = excluded.basis_enc, contact_record = excluded.contact_record, contact_record_enc = excluded.contact_record_enc,
       state = excluded.state, submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at,
       returned_by = excluded.returned_by, returned_at = excluded.returned_at, return_note = excluded.return_note`,
    [d.workOrderId, d.tenantId, d.answer, d.answerEnc, d.basis, d.basisEnc, d.contactRecord, d.contactRecordEnc, d.state,
      d.submittedBy, d.submittedAt, d.returnedBy, d.returnedAt, d.returnNote],
  );
}

export async function findDraft(manager: EntityManager, workOrderId: string): Promise<AnswerDraft | undefined> {
  const [r] = await manager.query(`select ${COLUMNS} from answer_drafts where work_order_id = $1`, [workOrderId]);
  if (!r) return undefined;
  return {
    workOrderId: r.work_order_id,
    tenantId: r.tenant_id,
    answer: r.answer,
    answerEnc: r.answer_enc,
    basis: r.basis,
    basisEnc: r.basis_enc,
    contactRecord: r.contact_record,
    contactRecordEnc: r.contact_record_enc,
    state: r.state,
    submittedBy: r.submitted_by,
    submittedAt: new Date(r.submitted_at),
    returnedBy: r.returned_by,
    returnedAt: r.returned_at ? new Date(r.returned_at) : null,
    returnNote: r.return_note,
  };
}

export async function deleteDraft(manager: EntityManager, workOrderId: string): Promise<void> {
  await manager.query(`delete from answer_drafts where work_order_id = $1`, [workOrderId]);
}
