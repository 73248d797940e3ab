import { Label, oneOf } from './code-list';

/**
 * What became of a call the telephony system put in an agent queue (全量接收: every contact is
 * recorded, a request or not). Answered calls either became a request, concerned an existing
 * one, or were not a matter at all (silent, harassment — the 骚扰无效类 of the reports in
 * domain.md §5.1 —, a wrong number, a hang-up right after the answer); `answered` is an answered
 * call whose agent has not said which yet. `abandoned` (呼损): the caller hung up in the queue
 * before an agent answered. There is no "consultation only": a question answered in the call is
 * a request answered directly (直接办理, domain.md §3.3), registered as any other.
 */
export const CALL_OUTCOMES = ['answered', 'request', 'existing-request', 'silent', 'harassment', 'wrong-number', 'hung-up', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const isCallOutcome = oneOf(CALL_OUTCOMES);

export const CALL_OUTCOME_LABELS: Record<CallOutcome, Label> = {
  answered: { zh: '已接通（待标注）', en: 'Answered, outcome not yet marked' },
  request: { zh: '登记诉求', en: 'Became a request' },
  'existing-request': { zh: '查询或补充已有诉求', en: 'About an existing request' },
  silent: { zh: '无声电话', en: 'Silent call' },
  harassment: { zh: '骚扰电话', en: 'Harassment' },
  'wrong-number': { zh: '打错电话', en: 'Wrong number' },
  'hung-up': { zh: '接通后挂机', en: 'Hung up after the answer' },
  abandoned: { zh: '呼损（排队中挂机）', en: 'Abandoned in the queue' },
};

/** Outcomes of a call an agent answered: every one but `abandoned`. */
export const ANSWERED_CALL_OUTCOMES: readonly CallOutcome[] = CALL_OUTCOMES.filter((o) => o !== 'abandoned');
/** What an agent may mark an answered call as (the telephony's `answered` means "not marked yet"). */
export const MARKABLE_CALL_OUTCOMES = ['request', 'existing-request', 'silent', 'harassment', 'wrong-number', 'hung-up'] as const;
export type MarkableCallOutcome = (typeof MARKABLE_CALL_OUTCOMES)[number];
/** Outcomes that name a request: the one registered from the call, or the one it was about. */
export const CALL_OUTCOMES_WITH_REQUEST: readonly CallOutcome[] = ['request', 'existing-request'];

/**
 * A callback item (漏接回拨, 国办函〔2025〕66号): open while `pending` (waiting for an agent) or
 * `claimed` (an agent took it and dials); closed as `reached`, `unreachable` (an invalid number,
 * or the tenant's attempts used up), `caller-returned` (the caller called again and was answered)
 * or `cancelled` by a supervisor. Overdue is not a state: an open item past its due is flagged.
 */
export const CALLBACK_STATES = ['pending', 'claimed', 'reached', 'unreachable', 'caller-returned', 'cancelled'] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];
export const isCallbackState = oneOf(CALLBACK_STATES);
export const OPEN_CALLBACK_STATES: readonly CallbackState[] = ['pending', 'claimed'];

export const CALLBACK_STATE_LABELS: Record<CallbackState, Label> = {
  pending: { zh: '待回拨', en: 'Waiting for a callback' },
  claimed: { zh: '回拨中', en: 'Being called back' },
  reached: { zh: '已回拨', en: 'Caller reached' },
  unreachable: { zh: '无法联系', en: 'Unreachable' },
  'caller-returned': { zh: '来电人已再次接通', en: 'Caller called again and was answered' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** What one callback attempt gave: `no-answer` and `busy` leave the item open while attempts are left. */
export const CALLBACK_RESULTS = ['reached', 'no-answer', 'busy', 'invalid-number'] as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];
export const isCallbackResult = oneOf(CALLBACK_RESULTS);

export const CALLBACK_RESULT_LABELS: Record<CallbackResult, Label> = {
  reached: { zh: '已接通', en: 'Reached' },
  'no-answer': { zh: '无人接听', en: 'No answer' },
  busy: { zh: '占线', en: 'Busy' },
  'invalid-number': { zh: '空号或停机', en: 'Invalid number' },
};
