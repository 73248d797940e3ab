import { round4 } from './rates';

/** One unit's figure for a ranking: a rate beside its numerator and denominator. */
export interface RankedFigure {
  unitId: string;
  unitName: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface RankingEntry extends RankedFigure {
  /** 1, 2, 2, 4 … (equal rates share a rank); null for a unit with nothing in the denominator. */
  rank: number | null;
}

/**
 * Units best first by the rate; at an equal rate the one with more behind it (a larger
 * denominator) first, then by id, so the order is stable. Equal rates share a rank (1, 2, 2, 4).
 * A unit whose denominator is 0 has no rate: listed last, unranked.
 */
export function rankUnits(figures: readonly RankedFigure[]): RankingEntry[] {
  const rated = figures.filter((f) => f.rate !== null && f.denominator > 0);
  const unrated = figures.filter((f) => f.rate === null || f.denominator === 0);
  rated.sort((a, b) => (b.rate as number) - (a.rate as number) || b.denominator - a.denominator || compare(a.unitId, b.unitId));
  unrated.sort((a, b) => compare(a.unitId, b.unitId));
  const ranked: RankingEntry[] = [];
  rated.forEach((f, i) => {
    const previous = ranked[i - 1];
    ranked.push({ ...f, rank: previous && previous.rate === f.rate ? previous.rank : i + 1 });
  });
  return [...ranked, ...unrated.map((f) => ({ ...f, rank: null }))];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A figure of this period beside the same figure of the previous one. */
export interface Comparison {
  current: number | null;
  previous: number | null;
  /** current − previous (for a rate, in rate units: 0.05 is five percentage points); null when either is unknown. */
  delta: number | null;
  /** delta / previous (环比); null when previous is 0 or unknown. */
  change: number | null;
}

export function compareFigures(current: number | null, previous: number | null): Comparison {
  const delta = current === null || previous === null ? null : round4(current - previous);
  const change = delta === null || !previous ? null : round4(delta / previous);
  return { current, previous, delta, change };
}
