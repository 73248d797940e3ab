import type { ModelRow, QualityRow, RunRow } from './classification.repository';

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function toModelView(m: ModelRow) {
  return {
    version: m.version,
    state: m.state,
    source: m.source,
    trainedAt: m.trainedAt.toISOString(),
    exampleCount: m.exampleCount,
    categoryCount: m.categoryCodes.length,
    holdout: { count: m.holdoutCount, accuracy: m.holdoutAccuracy, top3: m.holdoutTop3 },
    // The model active when this one was trained, judged on the same held-back requests; null for a first model.
    previous: m.previousVersion === null ? null : { version: m.previousVersion, accuracy: m.previousAccuracy, top3: m.previousTop3 },
    modelBytes: m.bodyBytes,
    trainingRunId: m.trainingRunId,
  };
}

export function toRunView(r: RunRow) {
  return {
    runId: r.id,
    trigger: r.trigger,
    requestedBy: r.requestedBy,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    state: r.finishedAt ? 'finished' : 'running',
    outcome: r.outcome,
    modelVersion: r.modelVersion,
    detail: r.detail,
  };
}

function figures(q: Omit<QualityRow, 'modelVersion'>) {
  return {
    suggestions: q.suggestions,
    withOutcome: q.withOutcome,
    top1Agreement: rate(q.top1, q.withOutcome),
    top3Agreement: rate(q.top3, q.withOutcome),
    requestTypeAgreement: rate(q.requestType, q.withOutcome),
    urgencyAgreement: rate(q.urgency, q.withOutcome),
  };
}

/** Agreement rates are over the suggestions with the agent's choice recorded; null when there are none. */
export function toQualityView(from: Date, to: Date, rows: readonly QualityRow[]) {
  const total = rows.reduce(
    (sum, r) => ({
      suggestions: sum.suggestions + r.suggestions,
      withOutcome: sum.withOutcome + r.withOutcome,
      top1: sum.top1 + r.top1,
      top3: sum.top3 + r.top3,
      requestType: sum.requestType + r.requestType,
      urgency: sum.urgency + r.urgency,
    }),
    { suggestions: 0, withOutcome: 0, top1: 0, top3: 0, requestType: 0, urgency: 0 },
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: figures(total),
    byModel: rows.map((r) => ({ modelVersion: r.modelVersion, ...figures(r) })),
  };
}
