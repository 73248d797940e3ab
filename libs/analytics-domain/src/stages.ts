/**
 * A request's current stage in the analytics read model: intake's statuses (docs/lifecycle.md)
 * plus the two ways a request ends at intake.
 */
export const REQUEST_STAGES = [
  'registered',
  'awaiting-dispatch',
  'dispatched',
  'in-progress',
  'answered',
  'reviewed',
  'revisited',
  'closed',
  'closed-at-intake',
  'not-accepted',
  'archived',
] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];

// Events arrive from four streams in no particular order across streams, so a stage only moves
// forward by rank; intake closures rank with `closed` (a sampled revisit must not reopen them).
const RANK: Record<RequestStage, number> = {
  registered: 1,
  'awaiting-dispatch': 2,
  dispatched: 3,
  'in-progress': 4,
  answered: 5,
  reviewed: 6,
  revisited: 7,
  closed: 8,
  'closed-at-intake': 8,
  'not-accepted': 8,
  archived: 9,
};

export function stageRank(stage: RequestStage): number {
  return RANK[stage];
}

export function isRequestStage(value: string): value is RequestStage {
  return (REQUEST_STAGES as readonly string[]).includes(value);
}

export interface StageMark {
  stage: RequestStage;
  /** Instant of the event that set the stage. */
  at: Date;
}

export interface StageChange extends StageMark {
  /** A review sent the primary answer back (退回重办): the only allowed backward move. */
  rework?: boolean;
}

const REWORKABLE: ReadonlySet<RequestStage> = new Set(['answered', 'reviewed']);

/**
 * The stage to store after a change, or null to keep the current one. Forward moves win by rank
 * whatever their arrival order; a rework moves an answered request back to in-progress only when
 * it happened after the answer (a late reopen never undoes a later review).
 */
export function nextStage(current: StageMark | null, change: StageChange): StageMark | null {
  const target = { stage: change.stage, at: change.at };
  if (!current) return target;
  if (change.rework) {
    return REWORKABLE.has(current.stage) && change.at.getTime() > current.at.getTime() ? target : null;
  }
  return stageRank(change.stage) > stageRank(current.stage) ? target : null;
}

/** The stage of a request closed at intake, from RequestClosedAtIntake.outcome. */
export function intakeClosureStage(outcome: string): RequestStage {
  return outcome === 'direct-answer' ? 'closed-at-intake' : 'not-accepted';
}
