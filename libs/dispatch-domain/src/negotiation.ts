import type { NegotiationStance } from '@hotline/vocabulary';
import type { UnitChoice } from './assignment';

export interface NegotiationResponse {
  unitId: string;
  stance: NegotiationStance;
}

/**
 * The candidates' agreement, once every one of them has answered: exactly one takes the lead,
 * and those who assist are its 协办 (those for whom it is not their duty drop out). Anything else
 * (no lead, two leads, someone still silent) is for the hotline to decide.
 */
export function consensusOf(candidateUnitIds: readonly string[], responses: readonly NegotiationResponse[]): UnitChoice | undefined {
  const byUnit = new Map(responses.filter((r) => candidateUnitIds.includes(r.unitId)).map((r) => [r.unitId, r.stance]));
  if (candidateUnitIds.some((id) => !byUnit.has(id))) return undefined;
  const leads = candidateUnitIds.filter((id) => byUnit.get(id) === 'lead');
  const [lead] = leads;
  if (leads.length !== 1 || lead === undefined) return undefined;
  return { primaryUnitId: lead, assistingUnitIds: candidateUnitIds.filter((id) => byUnit.get(id) === 'assist') };
}
