import { CrossValidationResult } from './cross-validation';
import { Evaluation } from './metrics';

// Plain-text reports for the command line. Chinese characters take two terminal columns, so
// padding counts display width rather than string length.

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

const fixed = (x: number) => x.toFixed(4);

export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? padEnd(cell, widths[c]) : padStart(cell, widths[c]))).join('  '))
    .join('\n');
}

export function formatEvaluation(evaluation: Evaluation, msPerMessage?: number): string {
  const lines = [
    `messages:        ${evaluation.count}`,
    `macro-F1:        ${fixed(evaluation.macroF1)}`,
    `accuracy:        ${fixed(evaluation.accuracy)}`,
    `top-3 accuracy:  ${fixed(evaluation.top3Accuracy)}`,
  ];
  if (msPerMessage !== undefined) lines.push(`ms per message:  ${msPerMessage.toFixed(3)}`);
  lines.push('', 'per class:');
  lines.push(
    formatTable([
      ['label', 'precision', 'recall', 'F1', 'support'],
      ...evaluation.perClass.map((c) => [c.label, fixed(c.precision), fixed(c.recall), fixed(c.f1), String(c.support)]),
    ]),
  );
  lines.push('', 'confusion matrix (rows: true label, columns: predicted, in the order above):');
  lines.push(
    formatTable([
      ['', ...evaluation.labels.map((_, i) => `#${i + 1}`)],
      ...evaluation.confusion.map((row, i) => [`#${i + 1} ${evaluation.labels[i]}`, ...row.map(String)]),
    ]),
  );
  return lines.join('\n');
}

export function formatCrossValidation(result: CrossValidationResult): string {
  const rows = [['fold', 'messages', 'macro-F1', 'accuracy', 'top-3', 'train s', 'ms/msg']];
  for (const f of result.folds) {
    const e = f.evaluation;
    rows.push([String(f.fold), String(e.count), fixed(e.macroF1), fixed(e.accuracy), fixed(e.top3Accuracy), f.trainSeconds.toFixed(1), f.msPerMessage.toFixed(3)]);
  }
  const m = result.mean;
  rows.push(['mean', '', fixed(m.macroF1), fixed(m.accuracy), fixed(m.top3Accuracy), m.trainSeconds.toFixed(1), m.msPerMessage.toFixed(3)]);
  const pooled = result.pooled;
  return [
    `${result.folds.length}-fold stratified cross-validation; ${result.groups} near-duplicate groups, each kept in one fold` +
      (result.trainFraction < 1 ? `; models trained on ${(result.trainFraction * 100).toFixed(0)} % of each training fold` : ''),
    '',
    formatTable(rows),
    '',
    'all folds pooled:',
    formatEvaluation(pooled),
  ].join('\n');
}
