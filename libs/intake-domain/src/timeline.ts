// How a request's timeline is told (docs/lifecycle.md, "The timeline"). Lifecycle events reach
// intake from three streams in any order, so the order steps arrived in says nothing about the
// order they happened in. A status step is placed by what it stands for instead: its handling
// round, then its lifecycle rank, then its own instant; so every arrival order of the same facts
// tells the same timeline.
import { RequestStatus, statusRank } from '@hotline/vocabulary';
import { LifecycleFact } from './request-progress';

/** What places a step in the timeline. */
export interface TimelinePlace {
  /** The status the step stands for; null for a step that stands for none. */
  status: RequestStatus | null;
  /** The handling round it belongs to: 0 the first handling, n the n-th rework; null when its fact names none. */
  round: number | null;
  at: Date;
  /** Arrival order: only breaks ties that are left (two facts of one status, round and instant). */
  seq: number;
}

/**
 * The fact an event states, whatever event carries it: a republished event (a new id, the same
 * payload) is the same fact. Kind, the record it is about, its round and its own instant.
 */
export function factKey(fact: LifecycleFact): string {
  return [fact.kind, fact.entityId ?? '', fact.reworkCount ?? '', fact.at.toISOString()].join('|');
}

/**
 * The handling round a fact belongs to. An order is created and signed once, in the first
 * round; an answer and a reopening carry the rework count their producer kept. Other facts name
 * no round: they come before handling or after it, or their event does not say.
 */
export function roundOf(fact: LifecycleFact): number | null {
  switch (fact.kind) {
    case 'work-order-created':
    case 'work-order-signed':
      return 0;
    case 'work-order-answered':
    case 'work-order-reopened':
      return fact.reworkCount ?? 0;
    default:
      return null;
  }
}

type StatusPlace = TimelinePlace & { status: RequestStatus };

const HANDLING_FROM = statusRank('in-progress');
const HANDLING_TO = statusRank('answered');
const AFTER_EVERY_ROUND = Number.MAX_SAFE_INTEGER;

/**
 * Rework repeats only in-progress → answered, so only those steps need a round: the steps
 * before handling belong to the first round, and review, revisit, closure and archiving follow
 * the last answer, whichever round it was.
 */
function placeInRounds(step: StatusPlace): number {
  const rank = statusRank(step.status);
  if (rank < HANDLING_FROM) return 0;
  if (rank > HANDLING_TO) return AFTER_EVERY_ROUND;
  return step.round ?? 0;
}

/** The causal order of two status steps: round, lifecycle rank, own instant, then arrival. */
export function compareStatusSteps(a: StatusPlace, b: StatusPlace): number {
  return (
    placeInRounds(a) - placeInRounds(b) ||
    statusRank(a.status) - statusRank(b.status) ||
    a.at.getTime() - b.at.getTime() ||
    a.seq - b.seq
  );
}

const byTime = (a: TimelinePlace, b: TimelinePlace) => a.at.getTime() - b.at.getTime() || a.seq - b.seq;
const hasStatus = <T extends TimelinePlace>(step: T): step is T & StatusPlace => step.status !== null;

/**
 * A request's steps in causal order: the status steps by compareStatusSteps, and the steps that
 * stand for no status (assisting orders, overdue flags, failed reviews …) merged in by their
 * instant, each before the first status step later than it. Both orders are kept as they are.
 */
export function inCausalOrder<T extends TimelinePlace>(steps: readonly T[]): T[] {
  const statusSteps = steps.filter(hasStatus).sort(compareStatusSteps);
  const others = steps.filter((step) => !hasStatus(step)).sort(byTime);
  const ordered: T[] = [];
  for (const step of statusSteps) {
    const notEarlier = others.findIndex((other) => other.at.getTime() >= step.at.getTime());
    ordered.push(...others.splice(0, notEarlier === -1 ? others.length : notEarlier), step);
  }
  return [...ordered, ...others];
}
