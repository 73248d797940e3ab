import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { ClassifierModel, train } from './classifier';
import { crossValidate, evaluateModel, UnknownLabelError } from './cross-validation';
import { CsvError, CsvTable, formatCsv } from './csv';
import { DataError, documentsOf, examplesOf, tableFromCsv } from './dataset';
import { deserialiseModel, ModelFileError, serialiseModel } from './model-file';
import { predict } from './predict';
import { formatCrossValidation, formatEvaluation } from './report';

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {}

export interface CommandContext {
  options: Map<string, string>;
  io: { stdout: (text: string) => void; stderr: (text: string) => void };
  progress: (message: string) => void;
}

interface CommandSpec {
  required: string[];
  options: string[];
  run: (context: CommandContext) => void;
}

function readTable(file: string): CsvTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return tableFromCsv(text, file);
  } catch (error) {
    if (error instanceof CsvError) throw new DataError(`${file}: ${error.message}`);
    throw error;
  }
}

function readModel(file: string): ClassifierModel {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    throw new ModelFileError(`cannot read model ${file}: ${(error as Error).message}`);
  }
  try {
    return deserialiseModel(data);
  } catch (error) {
    throw new ModelFileError(`${file}: ${(error as Error).message}`);
  }
}

function columnList(value: string): string[] {
  const columns = value.split(',').map((c) => c.trim());
  if (columns.some((c) => c === '')) throw new UsageError(`bad column list "${value}"`);
  return columns;
}

function numberOption(options: Map<string, string>, name: string, integer = false): number | undefined {
  const value = options.get(name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}, not "${value}"`);
  }
  return parsed;
}

function trainCommand({ options, io, progress }: CommandContext): void {
  const data = options.get('data') ?? '';
  const textColumns = columnList(options.get('text') ?? '');
  const labelColumn = options.get('label') ?? '';
  const examples = examplesOf(readTable(data), textColumns, labelColumn, data);
  progress(`read ${examples.length} examples from ${data}`);
  const started = performance.now();
  const model = train(examples, {
    textColumns,
    labelColumn,
    seed: numberOption(options, 'seed', true),
    c: numberOption(options, 'c'),
    naiveBayesC: numberOption(options, 'nb-c'),
    onProgress: progress,
  });
  const seconds = (performance.now() - started) / 1000;
  const bytes = serialiseModel(model);
  const out = options.get('out') ?? '';
  fs.writeFileSync(out, bytes);
  io.stdout(
    `trained on ${examples.length} examples in ${seconds.toFixed(1)} s: ${model.labels.length} labels, ` +
      `${model.vectoriser.size} terms, temperature ${model.temperature.toFixed(3)}\n` +
      `wrote ${out} (${(bytes.length / 1048576).toFixed(2)} MB)\n`,
  );
}

function predictCommand({ options, io, progress }: CommandContext): void {
  const model = readModel(options.get('model') ?? '');
  const data = options.get('data') ?? '';
  const textColumns = options.has('text') ? columnList(options.get('text') ?? '') : model.textColumns;
  const documents = documentsOf(readTable(data), textColumns, data);
  const explain = options.has('explain');
  const header = explain ? ['row', 'label', 'top3', 'probability', 'why'] : ['row', 'label', 'top3'];
  const rows: string[][] = [header];
  const started = performance.now();
  documents.forEach((fields, i) => {
    const p = predict(model, fields, { topK: 3, explain: explain ? 3 : 0 });
    const row = [String(i + 1), p.label, p.suggestions.map((s) => s.label).join('|')];
    if (explain) {
      row.push(p.suggestions[0].probability.toFixed(4), p.explanation.map((e) => `${e.term}(${e.field})`).join(' '));
    }
    rows.push(row);
    if ((i + 1) % 1000 === 0) progress(`predicted ${i + 1}/${documents.length}`);
  });
  const ms = (performance.now() - started) / documents.length;
  const out = options.get('out') ?? '';
  fs.writeFileSync(out, formatCsv(rows));
  io.stdout(`wrote ${documents.length} predictions to ${out} (${ms.toFixed(3)} ms per message)\n`);
}

function evalCommand({ options, io, progress }: CommandContext): void {
  const model = readModel(options.get('model') ?? '');
  const data = options.get('data') ?? '';
  const textColumns = options.has('text') ? columnList(options.get('text') ?? '') : model.textColumns;
  const labelColumn = options.get('label') ?? model.info.labelColumn;
  if (!labelColumn) throw new UsageError('eval needs --label (the model does not name its label column)');
  const examples = examplesOf(readTable(data), textColumns, labelColumn, data);
  progress(`evaluating on ${examples.length} examples from ${data}`);
  try {
    const { evaluation, msPerMessage } = evaluateModel(model, examples);
    io.stdout(`${formatEvaluation(evaluation, msPerMessage)}\n`);
  } catch (error) {
    if (error instanceof UnknownLabelError) {
      throw new DataError(
        `${data} row ${error.row}: unknown label "${error.label}" in column "${labelColumn}" ` +
          `(the model knows: ${model.labels.join(', ')})`,
      );
    }
    throw error;
  }
}

function cvCommand({ options, io, progress }: CommandContext): void {
  const data = options.get('data') ?? '';
  const textColumns = columnList(options.get('text') ?? '');
  const labelColumn = options.get('label') ?? '';
  const folds = numberOption(options, 'folds', true) ?? 5;
  if (folds < 2) throw new UsageError('--folds must be at least 2');
  const seed = numberOption(options, 'seed', true) ?? 1;
  const trainFraction = numberOption(options, 'train-fraction') ?? 1;
  if (!(trainFraction > 0 && trainFraction <= 1)) throw new UsageError('--train-fraction must be more than 0 and at most 1');
  const examples = examplesOf(readTable(data), textColumns, labelColumn, data);
  progress(`read ${examples.length} examples from ${data}`);
  const trainOptions = { textColumns, c: numberOption(options, 'c'), naiveBayesC: numberOption(options, 'nb-c'), onProgress: progress };
  const result = crossValidate(examples, folds, seed, trainOptions, (fold) =>
    progress(
      `fold ${fold.fold}: macro-F1 ${fold.evaluation.macroF1.toFixed(4)}, accuracy ${fold.evaluation.accuracy.toFixed(4)}, ` +
        `top-3 ${fold.evaluation.top3Accuracy.toFixed(4)}, trained in ${fold.trainSeconds.toFixed(1)} s`,
    ),
    trainFraction,
  );
  io.stdout(`${formatCrossValidation(result)}\n`);
}

export const COMMANDS: Record<string, CommandSpec> = {
  train: { required: ['data', 'text', 'label', 'out'], options: ['data', 'text', 'label', 'out', 'seed', 'c', 'nb-c'], run: trainCommand },
  predict: { required: ['model', 'data', 'out'], options: ['model', 'data', 'text', 'out'], run: predictCommand },
  eval: { required: ['model', 'data'], options: ['model', 'data', 'text', 'label'], run: evalCommand },
  cv: { required: ['data', 'text', 'label'], options: ['data', 'text', 'label', 'folds', 'seed', 'c', 'nb-c', 'train-fraction'], run: cvCommand },
};
