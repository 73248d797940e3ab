import { SATISFIED_LEVELS } from '@hotline/vocabulary';
import type { RateRow } from './rates';

type RateField = Extract<keyof RateRow, `${string}Rate` | 'avgHandlingWorkingHours'>;

export interface RateFormula {
  field: RateField;
  /** The name in the hotline's reports. */
  name: string;
  formula: string;
  /** What the numerator and the denominator count. */
  meaning: string;
}

/**
 * How each figure of a rate row is computed, stated once for the API documentation. The 三率
 * have no official formula (domain.md §9.3); these are the platform's, with the denominator
 * reported beside every rate as Jiangsu reports 有效参评.
 */
export const RATE_FORMULAS: readonly RateFormula[] = [
  {
    field: 'responseRate',
    name: '响应率',
    formula: 'signedOnTime / responseDenominator, responseDenominator = signed + unsignedPastDue',
    meaning:
      'orders signed before their sign-for due / orders signed, plus orders unsigned whose sign-for due has passed ' +
      '(for a cancelled order: passed before it was cancelled); an order still inside its sign-for window is not counted yet',
  },
  {
    field: 'onTimeAnswerRate',
    name: '按时答复率',
    formula: 'answeredOnTime / onTimeAnswerDenominator, onTimeAnswerDenominator = answered + unansweredPastDue',
    meaning:
      'orders whose standing answer came before the ORIGINAL handling due (rework after a failed review never restarts it) / ' +
      'orders with a standing answer, plus orders without one whose original handling due has passed (for a cancelled ' +
      'order: passed before it was cancelled); an answer sent back by review no longer stands',
  },
  {
    field: 'avgHandlingWorkingHours',
    name: '平均办理时长',
    formula: 'sum of handling working hours / answered',
    meaning: 'mean over orders with a standing answer of the working hours from creation to that answer (tenant calendar)',
  },
  {
    field: 'resolutionRate',
    name: '解决率',
    formula: 'resolutionNumerator / revisits, resolutionNumerator = resolved + partlyResolvedWeight × partlyResolved',
    meaning:
      'evaluated revisits (the latest evaluation of each request: after 重办 the second replaces the first) answered 解决, ' +
      'plus 部分解决 at the tenant\'s weight (basis.partlyResolvedWeight, default 0) / evaluated revisits; skipped revisits ' +
      '(skippedRevisits) are in no denominator',
  },
  {
    field: 'satisfactionRate',
    name: '满意率',
    formula: 'satisfactionNumerator / validEvaluations, satisfactionNumerator = satisfied + basicallySatisfiedWeight × basicallySatisfied',
    meaning:
      'valid evaluations (有效参评, validEvaluations = satisfied + basicallySatisfied + dissatisfied) answered 满意, plus ' +
      '基本满意 at the tenant\'s weight (basis.basicallySatisfiedWeight, default 1) / valid evaluations; the latest evaluation ' +
      'of each request counts; an evaluation without a satisfaction (未评价, unratedEvaluations: the hotline\'s own check) is ' +
      'not valid, nor one judged unreasonable (不合理差评, unreasonableEvaluations) when basis.excludeUnreasonableEvaluations; ' +
      `satisfiedOrBasicallySatisfied counts ${SATISFIED_LEVELS.join(' or ')} among all evaluated revisits, before exclusions and weights`,
  },
  {
    field: 'urgeRate',
    name: '催办率',
    formula: 'urged / workOrders',
    meaning:
      'orders the hotline urged at least once (a reminder by hand, or the urging notice of the ladder) / orders created; ' +
      'urgeNotices and circulars count the orders that reached the ladder\'s notice (催办通知书) and its circular (通报); ' +
      'supervisions counts the 督办 orders opened on the orders',
  },
  {
    field: 'redoRate',
    name: '重办率',
    formula: 'redone / revisits',
    meaning:
      'evaluated requests whose order a reasonable judgement (合理差评, EvaluationJudged) sent back to the unit for 重办 at ' +
      'least once / evaluated revisits of the unit (its evaluated orders); redoRounds counts the judgements (a request ' +
      'redone twice counts once in redone, twice in redoRounds)',
  },
  {
    field: 'revisitRate',
    name: '回访率',
    formula: 'revisitedRequests / revisitDenominator',
    meaning:
      'closed requests with an evaluation / closed requests that needed a revisit: evaluated, or skipped because the revisit ' +
      'attempts or window ran out; a revisit skipped as not sampled or for an anonymous requester was not needed, and a ' +
      'terminated request needs none',
  },
  {
    field: 'onTimeCompletionRate',
    name: '按时办结率',
    formula: 'requestsCompletedOnTime / completionDenominator',
    meaning:
      'requests whose every order (primary and assisting) has a standing answer given before its ORIGINAL handling due / ' +
      'requests whose orders are all finished (a standing answer, or cancelled, with at least one answered) plus requests ' +
      'already late (an order answered after, or still unanswered past, its original due: it can no longer be on time); an ' +
      'order cancelled before its due is left out; grouped by unit, a request counts for its primary unit',
  },
];

/** The formulas as one paragraph of API documentation. */
export function describeRates(): string {
  return [...RATE_FORMULAS.map((f) => `${f.field} (${f.name}) = ${f.formula}: ${f.meaning}.`), TERMINATED_NOTE].join(' ');
}

/** What the tenant's exclusion of terminated requests does to every figure of a row. */
export const TERMINATED_NOTE =
  'When basis.excludeTerminated (the default: Linyi\'s 不合理工单 are not counted in unit assessment, domain.md §11.3), the ' +
  'orders, evaluations and requests of terminated requests (诉求终结) are in no count or rate of a row; terminatedWorkOrders ' +
  'counts their orders apart either way.';
