import type {
  AssignmentRole,
  EvaluationJudgement,
  Resolution,
  RevisitMethod,
  RevisitRespondent,
  RevisitSkipReason,
  ReviewStatus,
  Satisfaction,
} from '@hotline/vocabulary';
import type { CaseAnswer, CaseDispatch, CaseFile, CaseRequest, CaseWorkOrder, IntakeClosure } from './case-file';
import { maskFreeText } from './free-text';

/**
 * Format of the archive records assembled from a case file. The first records of a chain may be
 * summaries from before it (no `format` key: request, unit, reviews, the answer's SHA-256); they
 * stay in the chain and verify as they are, since a record's hash covers whatever it holds.
 */
export const CASE_FILE_FORMAT = 'case-file/2';

export type ArchivedReview = { status: ReviewStatus; reasons: string[]; reviewedAt: string | null; reviewedBy: string | null };

export type ArchivedAnswer = {
  reworkRound: number;
  answer: string;
  basis: string;
  contactRecord: string;
  answeredAt: string | null;
  answeredBy: string | null;
  onTime: boolean | null;
  review: ArchivedReview;
};

/** A work order as its case file knows it, with its answers in rework order. */
export type ArchivedWorkOrder = CaseWorkOrder & {
  /** The latest answer's. */
  answeredAt: string | null;
  answeredBy: string | null;
  answers: ArchivedAnswer[];
};

export type ArchivedRevisit =
  | {
      outcome: 'evaluated';
      method: RevisitMethod;
      resolved: boolean;
      /** Null (未评价) for the hotline's own check of an anonymous request (respondent `hotline`). */
      satisfaction: Satisfaction | null;
      recordedAt: string;
      recordedBy: string;
      /** What the hotline found when it checked an anonymous request itself (masked). */
      note?: string;
      /** From issue 13 on: 是否解决, who answered, whether it was the tenant's default. */
      resolution?: Resolution;
      respondent?: RevisitRespondent | null;
      defaulted?: boolean;
      /** A dissatisfied or unresolved evaluation closed as judged unreasonable. */
      judgement?: ArchivedJudgement;
      /** Evaluations judged reasonable (合理差评) before 重办, oldest first: kept, not counted. */
      earlier?: ArchivedEarlierEvaluation[];
    }
  | { outcome: 'skipped'; reason: RevisitSkipReason; skippedAt: string };

export type ArchivedJudgement = { judgement: EvaluationJudgement; note: string; judgedAt: string; judgedBy: string };
export type ArchivedEarlierEvaluation = {
  method: RevisitMethod;
  resolution: Resolution;
  satisfaction: Satisfaction | null;
  recordedAt: string;
  judgement: ArchivedJudgement;
};

/**
 * How the request closed: by revisit (outcome `evaluated` or `skipped`) or at intake (outcome the
 * scope decision, detail the answer given or the reason).
 */
export type ArchivedClosure = { closedAt: string; closedBy: string; outcome: string; detail: string | null };

/** The whole process of one closed request, as the archive keeps it. */
export type CaseArchiveRecord = {
  format: typeof CASE_FILE_FORMAT;
  tenantId: string;
  sequence: number;
  requestId: string;
  archivedAt: string;
  /** Null only for a request whose brief never reached revisit (closed before the case file existed). */
  request: CaseRequest | null;
  dispatches: CaseDispatch[];
  workOrders: ArchivedWorkOrder[];
  /** Null for requests closed at intake (never revisited). */
  revisit: ArchivedRevisit | null;
  closure: ArchivedClosure;
};

export interface ArchiveInput {
  tenantId: string;
  sequence: number;
  requestId: string;
  archivedAt: string;
  caseFile: CaseFile;
  revisit: ArchivedRevisit | null;
  closure: ArchivedClosure;
}

export function closureAtIntake(closed: IntakeClosure): ArchivedClosure {
  return { closedAt: closed.closedAt, closedBy: closed.closedBy, outcome: closed.outcome, detail: closed.detail };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ROLE_ORDER: Record<AssignmentRole, number> = { primary: 0, assisting: 1 };

function archivedAnswer(a: CaseAnswer): ArchivedAnswer {
  return {
    reworkRound: a.reworkRound,
    answer: a.answer,
    basis: a.basis,
    contactRecord: a.contactRecord,
    answeredAt: a.answeredAt,
    answeredBy: a.answeredBy,
    onTime: a.onTime,
    review: { status: a.review.status, reasons: [...a.review.reasons], reviewedAt: a.review.reviewedAt, reviewedBy: a.review.reviewedBy },
  };
}

/** An order known only from its answers (its creation event had not arrived): what the answers say. */
function orderFromAnswer(a: CaseAnswer): CaseWorkOrder {
  return {
    workOrderId: a.workOrderId,
    unitId: a.unitId,
    unitName: null,
    unitCode: null,
    role: a.role,
    createdAt: null,
    signDueAt: null,
    signedAt: null,
    signedBy: null,
    handleDueAt: null,
    reworkDueAt: null,
    cancellation: null,
  };
}

function archivedWorkOrders(caseFile: CaseFile): ArchivedWorkOrder[] {
  const orders = new Map<string, CaseWorkOrder>(caseFile.workOrders.map((o) => [o.workOrderId, o]));
  for (const a of caseFile.answers) if (!orders.has(a.workOrderId)) orders.set(a.workOrderId, orderFromAnswer(a));
  return [...orders.values()]
    .map((order): ArchivedWorkOrder => {
      const answers = caseFile.answers
        .filter((a) => a.workOrderId === order.workOrderId)
        .sort((a, b) => a.reworkRound - b.reworkRound)
        .map(archivedAnswer);
      const latest = answers.at(-1);
      return {
        ...order,
        role: order.role ?? caseFile.answers.find((a) => a.workOrderId === order.workOrderId)?.role ?? null,
        answeredAt: latest?.answeredAt ?? null,
        answeredBy: latest?.answeredBy ?? null,
        answers,
        cancellation: order.cancellation ? { ...order.cancellation } : null,
      };
    })
    .sort(
      (a, b) =>
        (a.role ? ROLE_ORDER[a.role] : 2) - (b.role ? ROLE_ORDER[b.role] : 2) ||
        compare(a.createdAt ?? '', b.createdAt ?? '') ||
        compare(a.workOrderId, b.workOrderId),
    );
}

/**
 * The archive record of a closed request: its brief, every dispatch, every work order with its
 * answers and their reviews, the revisit and the closure, in a fixed order (dispatches by time,
 * work orders primary first then by creation, answers by rework round), so the same case file
 * always gives the same record and hash. Its free text is masked whatever the case file holds
 * (a row written by a replica of the previous release during an upgrade may be clear).
 */
export function assembleArchiveRecord(input: ArchiveInput): CaseArchiveRecord {
  const { caseFile } = input;
  return maskFreeText<CaseArchiveRecord>({
    format: CASE_FILE_FORMAT,
    tenantId: input.tenantId,
    sequence: input.sequence,
    requestId: input.requestId,
    archivedAt: input.archivedAt,
    request: caseFile.request ? { ...caseFile.request, categoryPath: [...caseFile.request.categoryPath], requester: { ...caseFile.request.requester } } : null,
    dispatches: [...caseFile.dispatches]
      .sort((a, b) => compare(a.dispatchedAt, b.dispatchedAt))
      .map((d) => ({ ...d, assignments: d.assignments.map((x) => ({ ...x })) })),
    workOrders: archivedWorkOrders(caseFile),
    revisit: input.revisit ? { ...input.revisit } : null,
    closure: { ...input.closure },
  });
}
