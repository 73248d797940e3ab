// The evaluations waiting for a reviewer's 重办 judgement that this console has seen recorded.
// revisit lists no requests awaiting a judgement (GET /v1/revisits/pending holds those awaiting
// their revisit only), so the revisit page hands each recorded evaluation that did not close its
// request (archive null: 不满意 or 未解决) to this store, and the judgement panels read it. Memory
// only, like the session: a reload forgets it.
import { useSyncExternalStore } from 'react';
import type { RecordedRevisitView } from '../api/views';

/** An evaluation as recorded, and the judgement once a reviewer has taken it here. */
export interface JudgementEntry {
  revisit: RecordedRevisitView;
  judged?: RecordedRevisitView;
}

let awaiting: readonly JudgementEntry[] = [];
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

/** After POST /v1/revisits: an evaluation that did not close its request awaits a judgement. */
export function rememberRecorded(result: unknown): void {
  const { revisit, archive } = (result ?? {}) as { revisit?: RecordedRevisitView; archive?: unknown };
  if (!revisit || archive !== null || revisit.judgement) return;
  awaiting = [...awaiting.filter((e) => e.revisit.requestId !== revisit.requestId), { revisit }];
  changed();
}

/** The judgement taken (its answer's revisit): the entry stays to show the outcome. */
export function markJudged(judged: RecordedRevisitView): void {
  awaiting = awaiting.map((e) => (e.revisit.requestId === judged.requestId ? { ...e, judged } : e));
  changed();
}

export function useAwaitingJudgement(): readonly JudgementEntry[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => awaiting,
  );
}
