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
    formula: 'resolved / revisits',
    meaning: 'evaluated revisits (the latest of each request) with resolved = true / evaluated revisits; skipped revisits (skippedRevisits) are in no denominator',
  },
  {
    field: 'satisfactionRate',
    name: '满意率',
    formula: 'satisfiedOrBasicallySatisfied / revisits',
    meaning: `evaluated revisits with satisfaction ${SATISFIED_LEVELS.join(' or ')} / evaluated revisits; skipped revisits are in no denominator`,
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
];

/** The formulas as one paragraph of API documentation. */
export function describeRates(): string {
  return RATE_FORMULAS.map((f) => `${f.field} (${f.name}) = ${f.formula}: ${f.meaning}.`).join(' ');
}
