// The fields of the services' answers that the pages read. The services' OpenAPI documents
// describe requests but not yet their responses, so these name what the pages rely on; request
// types always come from generated/.
import type * as Vocabulary from '@hotline/vocabulary';
import type {
  LinkageCounterpart,
  LinkageDirection,
  LinkageMethod,
  NegotiationStance,
  NegotiationState,
  RequestStatus,
  ReviewStatus,
  SupervisionSource,
  TransferDirection,
  TransferState,
  SupervisionState,
  UrgeLevel,
  UrgeMethod,
  WorkOrderStatus,
  HandlingClockStart,
  PauseEndKind,
  PauseReason,
  PauseStatus,
  AttachmentContentType,
  AttachmentOwnerKind,
  AttachmentScanResult,
  ContactUnavailableReason,
  ExtensionRefusal,
  ExtensionStatus,
  AnonymousRevisit,
  ChannelKind,
  FollowUpReason,
  FollowUpState,
  RequestType,
  Resolution,
  RetentionRunStatus,
  RetentionRunTrigger,
  RevisitMethod,
  Satisfaction,
  CallbackResult,
  CallbackState,
  OnlineQueueState,
  ScopeDecision,
  DuplicateMatchReason,
  TerminationReason,
  Urgency,
} from '@hotline/vocabulary';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface RequestView {
  id: string;
  number: string;
  status: RequestStatus;
  channel: string;
  requestType: string;
  urgency: string;
  categoryCode: string;
  areaCode: string;
  title: string | null;
  content: string;
  receivedAt: string;
  requester: { anonymous: boolean; name?: string; phone?: string; confidential: boolean };
}

// The agent desk's hints (issues 14 and 16): classification, catalog, knowledge base, duplicates.

/** POST /v1/classification/suggestions: the model's best three categories (none without a model), type and urgency by keyword rules. */
export interface ClassificationSuggestionView {
  suggestionId: string;
  modelVersion: number | null;
  categories: Array<{ code: string; name: string; path: Array<{ code: string; name: string }>; probability: number; terms: string[] }>;
  requestType: { code: RequestType; probability: number; cues: string[] };
  urgency: { code: Urgency; probability: number; cues: string[] };
}

interface CatalogUnitRef {
  id: string;
  code: string | null;
  name: string | null;
}

/** GET /v1/catalog/match (dispatch): the units the catalog in force would choose; reason when nothing matches. */
export interface CatalogMatchView {
  catalogVersion: number | null;
  matched: boolean;
  entry: { categoryCode: string; areaCode: string; territorial: boolean; firstResponsible: boolean } | null;
  primary: CatalogUnitRef | null;
  assisting: CatalogUnitRef[];
  reason: string | null;
}

/** GET /v1/knowledge/search: a published, valid article version, best ranked first; excerpt = the content's first 160 characters. */
export interface KnowledgeHitView {
  articleId: string;
  version: number;
  title: string;
  category: string;
  issuingUnit: string;
  excerpt: string;
}

/** GET /v1/knowledge/articles/{id}: the version agents answer from and every version. */
export interface KnowledgeArticleView {
  id: string;
  publishedVersion: number | null;
  versions: Array<{ version: number; status: string; title: string; content: string; sourceDocument: string | null }>;
}

interface TerminationMarkView {
  terminationId: string;
  reasonCode: TerminationReason;
  legalRoute: string;
  terminatedAt: string;
}

/** POST /v1/duplicate-candidates: earlier requests this contact may repeat (并单), and terminated matters it may repeat. */
export interface DuplicateProbeView {
  items: Array<{
    requestId: string;
    number: string;
    status: RequestStatus;
    channel: string;
    areaCode: string;
    title: string;
    receivedAt: string;
    score: number;
    reasons: DuplicateMatchReason[];
    termination: TerminationMarkView | null;
  }>;
  terminatedMatches: TerminatedMatchView[];
}

export interface TerminatedMatchView {
  requestId: string;
  number: string;
  status: RequestStatus;
  title: string;
  receivedAt: string;
  reasons: DuplicateMatchReason[];
  termination: TerminationMarkView;
}

/** POST /v1/requests: the registered request with its links and the terminated matters it may repeat. */
export interface RegisteredRequestView extends RequestView {
  accessCode: string;
  mergedInto: { id: string; number: string; status: RequestStatus } | null;
  answerArticles: Array<{ articleId: string; version: number; title: string }>;
  terminatedMatches: TerminatedMatchView[];
}

export interface WorkOrderView {
  id: string;
  requestId: string;
  unitCode: string;
  unitName: string;
  role: 'primary' | 'assisting';
  status: WorkOrderStatus;
  request: { title: string | null; number: string; content: string; urgency: string; areaCode: string; categoryCode: string; requesterMaskedName?: string; requesterMaskedPhone?: string };
  signDueAt: string | null;
  handleDueAt: string | null;
  /** The due the handling clock runs to now: moved by approved extensions and pauses. */
  handlingDueAt?: string | null;
  /** Since when an approved pause stops the handling clock; null while it runs. */
  pausedAt?: string | null;
  reworkDueAt: string | null;
  signedAt: string | null;
  answeredAt: string | null;
  answer: string | null;
  basis: string | null;
  contactRecord: string | null;
  signOverdue: boolean;
  handleOverdue: boolean;
  reworkOverdue: boolean;
  cancelReason?: string | null;
  /** A lead order's assisting units: what each gave or still owes (GET of one order only). */
  assistingInputs?: AssistingInputView[];
}

/** An assisting unit's share as the lead sees it (ADR 0026). */
export interface AssistingInputView {
  workOrderId: string;
  unitName: string;
  status: WorkOrderStatus;
  owesInput: boolean;
  handlingDueAt: string;
  answeredAt: string | null;
  answer: string | null;
  basis: string | null;
  cancelReason: string | null;
}

/** An assisting unit's input beside the lead answer under review. */
export interface AssistInputView {
  workOrderId: string;
  unitId: string;
  answer: string;
  basis: string;
  answeredAt: string | null;
  onTime: boolean | null;
}

export interface ReviewView {
  id: string;
  requestId: string;
  workOrderId: string;
  unitId: string;
  status: ReviewStatus;
  answer: string;
  basis: string;
  contactRecord: string;
  answeredAt: string | null;
  onTime: boolean | null;
  reworkCount: number;
  reasons: string[];
  createdAt: string;
  role: 'primary' | 'assisting';
  assistInputs: AssistInputView[];
}

export interface PendingRevisitView {
  requestId: string;
  primaryWorkOrderId: string | null;
  primaryUnitId: string | null;
  status: string;
  updatedAt: string;
}

export interface RatesRow {
  key: string;
  label: string | null;
  workOrders: number;
  signed: number;
  signedOnTime: number;
  answered: number;
  answeredOnTime: number;
  responseDenominator: number;
  responseRate: number | null;
  onTimeAnswerDenominator: number;
  onTimeAnswerRate: number | null;
  revisits: number;
  resolved: number;
  satisfiedOrBasicallySatisfied: number;
  /** 解决 plus 部分解决 at the tenant's weight; 满意 plus 基本满意 at its weight, over valid evaluations (有效参评). */
  resolutionNumerator: number;
  satisfactionNumerator: number;
  validEvaluations: number;
  skippedRevisits: number;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  unsignedPastDue: number;
  unansweredPastDue: number;
  /** Orders urged at least once (催办), and that share of the orders created. */
  urged: number;
  urgeRate: number | null;
}

export interface RatesView extends Page<RatesRow> {
  groupBy: 'unit' | 'category' | 'day';
}

/**
 * analytics GET /v1/metrics/rates/requests: the facts behind one cell of a rate (hand-added
 * with the endpoint; the client is to be regenerated from the running services). `figures` are
 * the cell's numerator, denominator and rate as the rates row shows them.
 */
export interface RateFactView {
  requestId: string | null;
  /** 流水号; null for a request stored before analytics kept numbers. */
  requestNumber: string | null;
  receivedAt: string | null;
  day: string | null;
  /** The work order (响应率 only). */
  workOrderId: string | null;
  unitId: string | null;
  unitName: string | null;
  categoryCode: string | null;
  areaCode: string | null;
  result: CodeOf<'RATE_FACT_RESULTS'> | null;
  /** In the denominator. */
  counted: boolean;
  /** Its share of the numerator: 1, the tenant's weight of a partial one, or 0. */
  weight: number;
  excludedBecause: CodeOf<'RATE_EXCLUSION_REASONS'> | null;
}
export interface RateRequestsView extends Page<RateFactView> {
  rate: CodeOf<'DRILL_DOWN_RATES'>;
  outcome: CodeOf<'DRILL_DOWN_OUTCOMES'>;
  unit: string | null;
  category: string | null;
  area: string | null;
  from: string | null;
  to: string | null;
  figures: { numerator: number; denominator: number; rate: number | null; numeratorFacts: number; excluded: number };
}

/** Interconnect transfers of one direction, or of one direction × counterpart × method. */
export interface LinkageFigures {
  direction: LinkageDirection;
  transfers: number;
  pending: number;
  accepted: number;
  declined: number;
  expired: number;
  decided: number;
  acceptanceRate: number | null;
  secondsToAcceptance: { p50: number | null; p90: number | null; max: number | null };
  declineReasons: Array<{ reason: string; count: number }>;
}

export interface LinkageTransfersView {
  from: string | null;
  to: string | null;
  directions: LinkageFigures[];
  items: Array<LinkageFigures & { counterpart: LinkageCounterpart; method: LinkageMethod }>;
}

/** Dispatch attempts of one primary unit, or of the tenant, with their returns (analytics `/v1/metrics/dispatch-quality`). */
export interface AttemptFigures {
  attempts: number;
  redispatches: number;
  designated: number;
  escalations: number;
  returnsFiled: number;
  returnsAccepted: number;
  returnsRejected: number;
  returnsInReview: number;
  returnRate: number | null;
  acceptedReturnRate: number | null;
}

export interface DispatchQualityView {
  from: string | null;
  to: string | null;
  total: AttemptFigures & {
    requests: number;
    requestsRedispatched: number;
    firstDispatches: number;
    firstDispatchesStood: number;
    dispatchAccuracy: number | null;
    byMode: Array<{ mode: string; firstDispatches: number; stood: number; dispatchAccuracy: number | null }>;
  };
  units: Array<AttemptFigures & { unitId: string; unitCode: string | null; unitName: string | null; returnReasons: Array<{ reasonCode: string; count: number }> }>;
}

/** A negotiation (协商) among candidate units (dispatch `/v1/negotiations`). */
export interface NegotiationView {
  id: string;
  requestId: string;
  request: { number: string; title: string; categoryCode: string; areaCode: string };
  state: NegotiationState;
  candidateUnitIds: string[];
  candidates: Array<{ unitId: string; unitCode: string | null; unitName: string | null }>;
  dueAt: string;
  responses: Array<{ unitId: string; unitCode: string | null; unitName: string | null; stance: NegotiationStance; note: string; respondedAt: string }>;
  outcome: 'agreed' | 'decided' | null;
  primaryUnitId: string | null;
  assistingUnitIds: string[] | null;
}

export interface CategoryView {
  code: string;
  name: string;
  parentCode?: string;
  level: number;
}

export interface UnitView {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  areaCodes: string[];
  /** False once deactivated: it takes no new work (dispatch refuses it as a target, 409 unit_inactive); its open orders go on. */
  active: boolean;
}

export interface CatalogView {
  version: number;
  publishedAt: string;
  publishedBy: string;
  entries: { categoryCode: string; areaCode: string; primaryUnitId: string; assistingUnitIds: string[] }[];
}

export interface PublicProgressView {
  number: string;
  status: RequestStatus;
  receivedAt: string;
  timeline: { status: RequestStatus; at: string }[];
}

export interface TenantView {
  code: string;
  name: string;
  kind: string;
  status: string;
  region?: string;
}

/** An urge of a work order (催办): a reminder, the ladder's notice, or its circular. */
export interface UrgeView {
  id: string;
  level: UrgeLevel;
  method: UrgeMethod;
  note: string | null;
  urgedAt: string;
  urgedBy: string;
  overdue: boolean;
  copiedToLeader: boolean;
}

/** A 督办 order on a work order, with the unit's reply. */
export interface SupervisionView {
  id: string;
  workOrderId: string;
  source: SupervisionSource;
  instruction: string;
  state: SupervisionState;
  replyDueAt: string;
  replyOverdue: boolean;
  openedAt: string;
  reply: string | null;
  repliedAt: string | null;
}

/** One side of a transfer (转办) between hotlines, as its hotline sees it (ADR 0027). */
export interface TransferView {
  id: string;
  direction: TransferDirection;
  requestId: string | null;
  number: string;
  counterpartTenant: string;
  state: TransferState;
  reason: string;
  request: { number: string; title: string; content: string; requestType: string; urgency: string; categoryCode: string | null; areaCode: string; receivedAt: string };
  offeredAt: string;
  offeredBy: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** One pause of a work order's handling clock (暂停计时), with the due before and after. */
export interface PauseView {
  id: string;
  status: PauseStatus;
  reason: PauseReason;
  note: string | null;
  askedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  startedAt: string | null;
  resumesBy: string | null;
  endedAt: string | null;
  endKind: PauseEndKind | null;
  dueBefore: string | null;
  dueAfter: string | null;
}

/** The handling clock's history: where it started, the original due, extensions and pauses, the due now. */
export interface ClockHistoryView {
  handlingClockStart: HandlingClockStart;
  handlingStartedAt: string;
  handlingStartPlanned: boolean;
  originalDueAt: string;
  handlingDueAt: string;
  pausedAt: string | null;
  extensions: ExtensionView[];
  pauses: PauseView[];
}

/** An extension request (延期申请) of a work order, with the hotline's decision. */
export interface ExtensionView {
  id: string;
  workOrderId: string;
  status: ExtensionStatus;
  refusal: ExtensionRefusal | null;
  extraWorkingDays: number;
  reason: string;
  basis: string;
  /** The due when it was asked, and the due it asks for. */
  currentDueAt: string;
  proposedDueAt: string;
  requestedAt: string;
  requestedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

/** The tenant's pause limits (GET /v1/clock-policy, hotline staff). */
export interface ClockPolicyView {
  handlingStartsAt: HandlingClockStart;
  maxPauses: number;
  maxPauseWorkingDays: number;
}

/** A stored attachment (ADR 0028): its kept name, the type its bytes showed, size and digest. */
export interface AttachmentView {
  id: string;
  ownerKind: AttachmentOwnerKind;
  ownerId: string;
  filename: string;
  contentType: AttachmentContentType;
  declaredContentType: string;
  size: number;
  sha256: string;
  scanResult: AttachmentScanResult;
  uploadedBy: string;
  uploadedAt: string;
  /** When retention erased the file (ADR 0033): its bytes are gone and a download answers 410; null while kept. */
  erasedAt: string | null;
}

/** A service's attachment limits for this hotline (GET /v1/attachment-policy). */
export interface AttachmentPolicyView {
  maxFileBytes: number;
  maxFilesPerOwner: number;
  contentTypes: AttachmentContentType[];
  source: 'tenant' | 'default';
}

/** Whether the caller can reveal the phone or call through the platform, or why not (ADR 0030). */
export interface ContactActionView {
  possible: boolean;
  reason: ContactUnavailableReason | null;
}

/** The requester as a unit sees them: masked name and phone, never more (GET /v1/requests/{id}/contact). */
export interface ContactView {
  requestId: string;
  number: string;
  anonymous: boolean;
  confidential: boolean;
  name: string | null;
  phone: string | null;
  /** remainingToday: the caller's reveals left today; null when not capped. */
  reveal: ContactActionView & { remainingToday: number | null };
  call: ContactActionView;
}

/** A revealed phone (audited), and the reveals left today (null: not capped). */
export interface RevealView {
  requestId: string;
  number: string;
  anonymous: boolean;
  phone: string | null;
  remainingToday: number | null;
}

/** A single-use reference the tenant's telephony exchanges for the number; the caller never sees it. */
export interface CallReferenceView {
  requestId: string;
  number: string;
  reference: string;
  expiresAt: string;
}

/** A revisit sampling rule (revisit toPolicyMessage): '*' is every request type or every channel kind; '' when no default evaluation. */
export interface SamplingPolicyView {
  requestType: RequestType | '*';
  channelKind: ChannelKind | '*';
  samplePercent: number;
  windowHours: number;
  maxAttempts: number;
  defaultSatisfaction: Satisfaction | '';
  defaultResolution: Resolution | '';
  methods: RevisitMethod[];
  anonymous: AnonymousRevisit;
  updatedAt: string;
}

/** How the tenant's rates are computed (analytics GET/PUT /v1/rate-settings); isDefault: never set by the tenant. */
export interface RateSettingsView {
  basicallySatisfiedWeight: number;
  partlyResolvedWeight: number;
  excludeTerminated: boolean;
  excludeUnreasonableEvaluations: boolean;
  isDefault: boolean;
  updatedAt: string | null;
}

/** The retention policy of closed requests (revisit GET/PUT /v1/retention-policy); configured: the tenant set its own. */
export interface RetentionPolicyView {
  closedRequestYears: number;
  anonymiseIdentity: boolean;
  anonymiseFreeText: boolean;
  configured: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A retention run with its progress (revisit /v1/retention/runs). */
export interface RetentionRunView {
  id: string;
  trigger: RetentionRunTrigger;
  status: RetentionRunStatus;
  asOf: string;
  cutoff: string;
  policy: { closedRequestYears: number; anonymiseIdentity: boolean; anonymiseFreeText: boolean };
  total: number;
  anonymised: number;
  remaining: number;
  batches: number;
  batchSize: number;
  requestedBy: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** One change of a follow-up (持续跟踪), oldest first. */
export interface FollowUpChangeView {
  seq: number;
  state: FollowUpState;
  dueOn: string;
  round: number;
  note: string;
  resolution: Resolution | null;
  satisfaction: Satisfaction | null;
  changedAt: string;
  changedBy: string;
}

/** A follow-up (revisit /v1/follow-ups): due on a local date `YYYY-MM-DD`; history only when read or changed on its own. */
export interface FollowUpView {
  id: string;
  requestId: string;
  requestNumber: string | null;
  unitId: string;
  unitCode: string | null;
  workOrderId: string;
  reason: FollowUpReason;
  state: FollowUpState;
  dueOn: string;
  round: number;
  note: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  endedAt: string | null;
  history?: FollowUpChangeView[];
}

// Issue 14: intake's online queue, intake policy, calls and callbacks.

/** An online submission in the online queue (intake toOnlineQueueView, ADR 0034); secondsLeft at the server's now, null once decided. */
export interface OnlineQueueItemView {
  requestId: string;
  number: string;
  channel: string;
  title: string | null;
  content: string;
  areaCode: string;
  requestType: RequestType;
  /** The category the citizen picked: a hint, the agent decides. */
  categoryCode: string | null;
  enterpriseRelated: boolean;
  anonymous: boolean;
  requester: { anonymous: true } | { anonymous: false; name: string; phone: string; confidential: boolean };
  state: OnlineQueueState;
  receivedAt: string;
  warnAt: string | null;
  dueAt: string;
  secondsLeft: number | null;
  warnedAt: string | null;
  overdueAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decision: ScopeDecision | null;
}

/** GET /v1/online-queue/stats: 按时响应率 = decidedInTime ÷ inTimeDenominator (decided + open past the limit). */
export interface OnlineQueueStatsView {
  from: string;
  to: string;
  submitted: number;
  decided: number;
  decidedInTime: number;
  overdue: number;
  openOverdue: number;
  open: number;
  inTimeRate: number | null;
  inTimeDenominator: number;
}

/** GET/PUT /v1/intake-policy; source: the tenant's own or the platform default (DEFAULT_INTAKE_POLICY). */
export interface IntakePolicyView {
  onlineResponseSeconds: number;
  onlineWarningSeconds: number;
  confidentialTypes: RequestType[];
  source: 'tenant' | 'default';
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface CallPolicyValues {
  answerTimelySeconds: number;
  shortAbandonSeconds: number;
  shortAbandonsCounted: boolean;
  callbackShortAbandons: boolean;
  callbackDueMinutes: number;
  callbackMaxAttempts: number;
}

/** GET/PUT /v1/call-policy, with the defaults and where each comes from. */
export interface CallPolicyView extends CallPolicyValues {
  source: 'tenant' | 'default';
  defaults: { values: CallPolicyValues; sources: Record<keyof CallPolicyValues, string> };
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A callback item (漏接回拨, intake toCallbackView): the number masked; pastDue before the timer flags overdue. */
export interface CallbackView {
  id: string;
  state: CallbackState;
  callerNumberMasked: string | null;
  queue: string;
  abandonedCalls: number;
  firstAbandonedAt: string;
  lastAbandonedAt: string;
  dueAt: string;
  overdue: boolean;
  pastDue: boolean;
  claimedBy: string | null;
  claimedAt: string | null;
  attempts: number;
  result: CallbackResult | null;
  requestNumber: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

/** POST /v1/callbacks/{id}/call-reference: what the telephony exchanges for the number; the agent never sees it. */
export interface CallbackReferenceView {
  callbackId: string;
  reference: string;
  expiresAt: string;
}

/** A rate with what it is made of; value null when the denominator is 0. */
export interface CallRate {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface CallRateFigures {
  calls: number;
  answered: number;
  answeredInTime: number;
  abandoned: number;
  shortAbandoned: number;
  offered: number;
  /** 人工接通率 */
  answerRate: CallRate;
  /** 人工应答及时率 */
  timelyAnswerRate: CallRate;
  abandonRate: CallRate;
}

/** GET /v1/call-records/rates: per local day × queue, per queue and in total, with the policy used. */
export interface CallRatesReportView {
  from: string;
  to: string;
  queue: string | null;
  timeZone: string;
  policy: { answerTimelySeconds: number; shortAbandonSeconds: number; shortAbandonsCounted: boolean; source: 'tenant' | 'default' };
  definitions: Record<string, string>;
  days: Array<CallRateFigures & { day: string; queue: string }>;
  queues: Array<CallRateFigures & { queue: string }>;
  total: CallRateFigures;
}

// Issues 16 and 17: the supervisor's and the province operator's pages (预警, 热点聚类, 督办,
// 报告, 数据共享, 省级汇总) and the approvals queue. Vocabulary codes are named inline, so this
// block needs no change to the imports above.
type Vocab = typeof Vocabulary;
type CodeOf<K extends keyof Vocab> = Vocab[K] extends readonly (infer C)[] ? C : never;

/** analytics GET /v1/alerts, /v1/alerts/{id}: a surge or risk alert with the requests behind it (the first 50). */
export interface AlertView {
  alertId: string;
  kind: CodeOf<'ALERT_KINDS'>;
  severity: CodeOf<'ALERT_SEVERITIES'>;
  categoryCode: string | null;
  areaCode: string | null;
  count: number;
  expected: number;
  threshold: number;
  baselineSource: string | null;
  windowStart: string;
  windowEnd: string;
  requestIds: string[];
  riskCodes: string[];
  riskCategories: CodeOf<'RISK_CATEGORIES'>[];
  stabilityRisk: boolean;
  raisedAt: string;
  updatedAt: string;
  /** open, or acknowledged by a supervisor; a rise in severity reopens it (reopenedAt), its acknowledgement kept. */
  state: CodeOf<'ALERT_STATES'>;
  acknowledgement: { at: string; by: string; severity: CodeOf<'ALERT_SEVERITIES'>; note: string | null } | null;
  reopenedAt: string | null;
}

/** analytics GET /v1/alert-deliveries: one webhook delivery of an alert. */
export interface AlertDeliveryView {
  deliveryId: string;
  alertId: string;
  endpointName: string;
  state: CodeOf<'ALERT_DELIVERY_STATES'>;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** analytics GET /v1/hotspot-settings. */
export interface HotspotSettingsView {
  windowHours: number;
  baselineDays: number;
  seasonalDays: number;
  minCount: number;
  pValue: number;
  minExpectedPerDay: number;
  quietFrom: string | null;
  quietTo: string | null;
  extraHolidays: string[];
  isDefault: boolean;
}

export interface RiskPatternView {
  code: string;
  category: CodeOf<'RISK_CATEGORIES'>;
  terms: string[];
  severity: CodeOf<'ALERT_SEVERITIES'>;
  stabilityRisk: boolean;
}

/** analytics GET /v1/clusters: similar requests of one area, with the parts of their heat. */
export interface ClusterView {
  clusterId: string;
  categoryCode: string | null;
  areaCode: string;
  requests: number;
  requesters: number;
  firstAt: string;
  lastAt: string;
  likes: number;
  heat: number;
}

export interface ClusterDetailView extends ClusterView {
  members: Array<{ requestId: string; receivedAt: string }>;
}

/** handling GET /v1/supervision-orders: a 督办 order with its unit, reply and closing. */
export interface SupervisionOrderView extends SupervisionView {
  requestId: string;
  unitCode: string;
  openedBy: string;
  repliedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
}

/** handling GET /v1/approvals: a pending extension or pause request with its order and the handling due now. */
export interface ApprovalItemView {
  kind: 'extension' | 'pause';
  id: string;
  askedAt: string;
  order: WorkOrderView;
  handlingDueAt: string;
  extension: ExtensionView | null;
  pause: PauseView | null;
}

/** analytics GET /v1/reports: one version of a period's report. */
export interface ReportSummaryView {
  id: string;
  period: CodeOf<'REPORT_PERIODS'>;
  periodStart: string;
  periodEnd: string;
  periodKey: string;
  timeZone: string;
  version: number;
  state: CodeOf<'REPORT_STATES'>;
  generator: CodeOf<'REPORT_GENERATORS'>;
  generatedBy: string;
  generatedAt: string;
}

export interface ReportRateFigure {
  code: string;
  label: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}
type ReportFraction = Omit<ReportRateFigure, 'code' | 'label'>;
export interface ReportRankingEntry extends ReportFraction {
  rank: number | null;
  unitId: string;
  unitName: string;
}

/** analytics GET /v1/reports/{id}: the summary and the snapshot as issued (analytics report-snapshot.ts). */
export interface ReportView extends ReportSummaryView {
  report: {
    tenant: { id: string; name: string };
    span: { start: string; end: string; key: string; title: string };
    complete: boolean;
    volumes: {
      received: number;
      closed: number;
      directAnswers: number;
      terminated: number;
      merged: number;
      byType: Array<{ code: string; label: string; count: number }>;
      byChannel: Array<{ code: string; label: string; count: number }>;
      byStatus: Array<{ status: RequestStatus; count: number }>;
    };
    rates: ReportRateFigure[];
    avgHandlingWorkingHours: number | null;
    oversight: Record<'workOrders' | 'urged' | 'urgeNotices' | 'circulars' | 'supervisions' | 'signOverdue' | 'handleOverdue' | 'overdue', number>;
    units: Array<{ unitId: string; unitName: string; workOrders: number; urged: number; overdue: number; response: ReportFraction; onTimeCompletion: ReportFraction; resolution: ReportFraction; satisfaction: ReportFraction }>;
    rankings: { onTimeCompletion: ReportRankingEntry[]; satisfaction: ReportRankingEntry[] };
    hotspots: {
      categories: Array<{ code: string; count: number; previous: number }>;
      areas: Array<{ code: string; count: number; previous: number }>;
      alerts: { raised: number; items: Array<{ alertId: string; kind: CodeOf<'ALERT_KINDS'>; severity: CodeOf<'ALERT_SEVERITIES'>; categoryCode: string | null; areaCode: string | null; count: number; raisedAt: string }> };
      clusters: Array<{ clusterId: string; categoryCode: string | null; areaCode: string; requestsInPeriod: number; requests: number; requesters: number; heat: number }>;
    };
    comparison: { previous: { title: string }; items: Array<{ code: string; label: string; current: number | null; previous: number | null; delta: number | null; change: number | null }> };
  };
}

/** intake GET /v1/sharing/agreements: a data-sharing agreement with a department (数据共享). */
export interface SharingAgreementView {
  id: string;
  departmentCode: string;
  departmentName: string;
  purpose: string;
  legalBasis: string;
  personalDataPurpose: string | null;
  maxGrade: CodeOf<'DATA_GRADES'>;
  includesCore: boolean;
  fields: Array<{ field: CodeOf<'SHARING_FIELDS'>; masking: CodeOf<'SHARING_MASKINGS'> }>;
  categoryPrefixes: string[];
  areaCodes: string[];
  requestTypes: RequestType[];
  validFrom: string;
  validUntil: string;
  state: CodeOf<'SHARING_AGREEMENT_STATES'>;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  supersededBy: string | null;
}

/** intake GET /v1/sharing/releases/log: one release to a department. */
export interface SharingReleaseView {
  id: string;
  agreementId: string;
  departmentCode: string;
  kind: CodeOf<'RELEASE_KINDS'>;
  subject: string;
  releasedAt: string;
  itemCount: number;
  requestIds: string[];
  fields: string[];
}

/** analytics GET /v1/province/overview: per city, counts only (never a request). */
export interface ProvinceCityFigures {
  tenant: string;
  name: string;
  status: string;
  requests: number;
  workOrders: number;
  overdueWorkOrders: number;
  surgeAlerts: number;
  riskAlerts: number;
  hotspots: Array<{ categoryCode: string | null; areaCode: string | null; count: number; severity: string }>;
  /** The city's 三率 with what each counts, under its own rate settings (rateBasis). */
  rates: ProvinceRates;
  rateBasis: { basicallySatisfiedWeight: number; partlyResolvedWeight: number; excludeTerminated: boolean; excludeUnreasonableEvaluations: boolean; isDefault: boolean };
}
export interface ProvinceRates {
  responseRate: number | null;
  signedOnTime: number;
  responseDenominator: number;
  resolutionRate: number | null;
  resolutionNumerator: number;
  revisits: number;
  satisfactionRate: number | null;
  satisfactionNumerator: number;
  validEvaluations: number;
}
export interface ProvinceOverviewView {
  from: string | null;
  to: string | null;
  totals: Pick<ProvinceCityFigures, 'requests' | 'workOrders' | 'overdueWorkOrders' | 'surgeAlerts' | 'riskAlerts' | 'rates'> & {
    /** False when the cities count with different rate settings: the province's rates mix them. */
    sameRateBasis: boolean;
  };
  items: ProvinceCityFigures[];
}

// Tenant-admin settings pages (issue 16): taxonomy, units, time limits, calendar, channels,
// transfer lists and the knowledge base. Shapes as the controllers return them.

/** GET /v1/categories: one page of one taxonomy version (the latest by default; version 0 before the first). */
export interface CategoryPageView extends Page<CategoryView> {
  version: number;
}

/** PUT /v1/categories: the version published and the codes of the previous one it retired, with the requests under each. */
export interface TaxonomyPublishedView {
  version: number;
  count: number;
  retiredCodes: Array<{ code: string; requests: number }>;
}

/** GET /v1/units item with the level the dispatch rules read. */
export interface UnitAdminView extends UnitView {
  level: Vocabulary.UnitLevel;
  createdAt: string;
}

export interface ClockRuleView {
  unit: Vocabulary.ClockUnit;
  amount: number;
  counting?: Vocabulary.Counting;
}

/** GET/PUT /v1/time-limits: all type × urgency pairs, each the tenant's own or the national default. */
export interface TimeLimitsView {
  items: Array<{ requestType: Vocabulary.RequestType; urgency: Urgency; signFor: ClockRuleView; handling: ClockRuleView; source: 'tenant' | 'default' }>;
  defaultCounting: Vocabulary.Counting;
}

/** GET/PUT /v1/calendar: the tenant's zone and its own days off and working days (updatedAt null: the national calendar unchanged). */
export interface CalendarSettingsView {
  timeZone: string;
  extraHolidays: string[];
  extraWorkingDays: string[];
  updatedAt: string | null;
}

/** GET /v1/calendar/status: the years with holiday data and their source, the years still to load. */
export interface CalendarStatusView {
  timeZone: string;
  years: Array<{ year: number; source: 'shipped' | 'province' | 'tenant'; notice: string; holidays: number; loadedAt: string | null }>;
  missingYears: number[];
  provisionalOpenWorkOrders: number;
}

/** GET /v1/calendar/days?month=YYYY-MM: each day of the month as handling counts it. */
export interface CalendarDaysView {
  month: string;
  timeZone: string;
  hasYearData: boolean;
  notice: string | null;
  days: Array<{
    date: string;
    working: boolean;
    kind: 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';
    holidayName: string | null;
    source: 'weekday-rule' | 'year-data' | 'tenant-override';
  }>;
}

/** PUT /v1/calendar/years/{year}. */
export interface YearLoadedView {
  year: number;
  notice: string;
  source: 'province' | 'tenant';
  recomputedWorkOrders: number;
  loadedAt: string;
  loadedBy: string;
}

/** POST /v1/deadlines/compute. */
export interface DeadlineView {
  dueAt: string;
  timeZone: string;
  calendarDataComplete: boolean;
}

/** GET /v1/channels item. */
export interface ChannelView {
  id: string;
  code: string;
  name: string;
  kind: Vocabulary.ChannelKind;
  enabled: boolean;
  createdAt: string;
}

/** GET /v1/linkage/transfer-list item. */
export interface TransferListItemView {
  direction: Vocabulary.LinkageDirection;
  counterpart: Vocabulary.LinkageCounterpart;
  code: string;
  className: string;
  itemName: string;
  categoryCodes: string[];
  keywords: string[];
}

/** One version of a knowledge article (GET /v1/knowledge/articles lists them without content). */
export interface KbVersionView {
  articleId: string;
  version: number;
  status: Vocabulary.KbVersionStatus;
  category: string;
  title: string;
  content?: string;
  issuingUnit: string;
  materialKind: Vocabulary.KbMaterialKind;
  sourceDocument: string | null;
  keywords: string[];
  validFrom: string;
  validUntil: string | null;
  reviewDueOn: string | null;
  submittedAt: string;
  submittedBy: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

/** GET /v1/knowledge/articles/{id}. */
export interface KbArticleView {
  id: string;
  publishedVersion: number | null;
  versions: Array<Omit<KbVersionView, 'articleId'> & { content: string }>;
}

/** POST /v1/knowledge/imports: rows numbered from 1 (the first after a CSV header). */
export interface KbImportReportView {
  rows: number;
  imported: number;
  failed: number;
  created: Array<{ row: number; articleId: string }>;
  errors: Array<{ row: number; errors: Array<{ field: string; message: string }> }>;
}

/** A return (退单) and its dispute review: POST/GET /v1/dispatches/{requestId}/returns, POST /v1/returns/{id}/decision. */
export interface ReturnView {
  id: string;
  requestId: string;
  attempt: number;
  unit: { unitId: string; unitCode: string; unitName: string };
  reasonCode: Vocabulary.ReturnReason;
  basis: string;
  returnedBy: string;
  returnedAt: string;
  windowDueAt: string;
  status: Vocabulary.ReturnStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The unit the returning unit thinks is right (建议承办单位); null when none was named. */
  suggestedUnit: { unitId: string; unitCode: string | null; unitName: string | null } | null;
}

/** The brief fields dispatch keeps of a request (null for a dispatch recorded before briefs were kept). */
export interface RequestBriefView {
  number: string | null;
  categoryCode: string | null;
  areaCode: string | null;
  urgency: Urgency | null;
}

/** GET /v1/returns item: a return with its request's brief fields. */
export interface ReturnListItemView extends ReturnView {
  request: RequestBriefView;
}

/** GET /v1/return-policy (the defaults while configured is false). */
export interface ReturnPolicyView {
  returnWindowWorkingDays: number;
  maxDispatchAttempts: number;
  returnReasons: Vocabulary.ReturnReason[];
  configured: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** GET /v1/dispatches/{requestId}, and the dispatch an assign or escalation answers with. */
export interface DispatchView {
  requestId: string;
  mode: Vocabulary.DispatchMode;
  assignments: Array<{ unitId: string; unitCode: string; unitName: string; role: 'primary' | 'assisting' }>;
  dispatchedAt: string;
  dispatchedBy: string;
  attempt: number;
  designated: boolean;
  firstResponsible: boolean;
  excludedUnitIds: string[];
}

/** GET /v1/dispatches/{requestId}/escalations item (提级统筹; the reason is stored masked). */
export interface EscalationView {
  id: string;
  requestId: string;
  attempt: number;
  fromUnitId: string;
  toUnitId: string;
  reason: string;
  escalatedBy: string;
  escalatedAt: string;
}

/** GET /v1/escalations item (newest first): both units named (null when no longer in the directory). */
export interface EscalationListItemView extends EscalationView {
  fromUnit: { unitId: string; unitCode: string; unitName: string } | null;
  toUnit: { unitId: string; unitCode: string; unitName: string } | null;
  request: RequestBriefView;
}

/** A request as GET /v1/requests (list) and GET /v1/requests/{id} show it to staff (masked). */
export interface StaffRequestView extends RequestView {
  urgency: Urgency;
  primaryUnitId: string | null;
}

/** The evaluation POST /v1/revisits and POST /v1/revisits/{requestId}/judgement answer with. */
export interface RecordedRevisitView {
  id: string;
  requestId: string;
  unitId: string;
  method: RevisitMethod;
  resolution: Resolution | null;
  satisfaction: Satisfaction | null;
  judgement: Vocabulary.EvaluationJudgement | null;
  judgementNote: string | null;
  judgedAt: string | null;
  recordedAt: string;
}

/** GET /v1/revisits/awaiting-judgement item: longest waiting first, with the evaluation to judge. */
export interface AwaitingJudgementView {
  requestId: string;
  requestNumber: string | null;
  workOrderId: string;
  unit: { unitId: string; unitCode: string | null; unitName: string | null };
  waitingSince: string;
  evaluation: {
    revisitId: string;
    resolution: Resolution;
    resolved: boolean;
    satisfaction: Satisfaction | null;
    respondent: string | null;
    method: RevisitMethod;
    note: string | null;
    defaulted: boolean;
    recordedAt: string;
    recordedBy: string;
  };
  redoRounds: number;
}

/** GET /v1/revisits/redo-counts item: 重办率 = redoneRequests / evaluatedRequests, as analytics counts it (null without evaluations). */
export interface RedoCountView {
  unitId: string;
  evaluatedRequests: number;
  redoneRequests: number;
  evaluations: number;
  redoRounds: number;
  redoRate: number | null;
}
