import { CsvError } from './csv';
import { DataError } from './dataset';
import { ModelFileError } from './model-file';
import { COMMANDS, CommandContext, UsageError } from './cli-commands';

// Command-line entry point: `hotline-classify <train|predict|eval|cv> --option value ...`.
// main() never exits the process; it returns the exit code (0 success, 1 data or model error,
// 2 usage error), so that tests can call it in-process.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export const USAGE = `usage: hotline-classify <command> [options]

commands:
  train    --data FILE.csv --text COL[,COL...] --label COL --out MODEL [--seed N] [--c X] [--nb-c X]
           train a classifier; the first text column (e.g. the title) also gets its own features
  predict  --model MODEL --data FILE.csv --out PRED.csv [--text COL,...] [--explain]
           write row,label,top3 for every input row, in input order (row = 1-based data row;
           top3 = three labels joined by |, best first); --explain adds probability and why
  eval     --model MODEL --data FILE.csv [--text COL,...] [--label COL]
           print macro-F1, accuracy, top-3 accuracy, per-class F1, confusion matrix, ms/message
  cv       --data FILE.csv --text COL,... --label COL [--folds 5] [--seed 1] [--c X] [--nb-c X]
           [--train-fraction F]
           stratified k-fold cross-validation, near-duplicates kept in one fold; --train-fraction
           trains on that share of each training fold (a learning-curve point)

CSV files are UTF-8 with a header row (RFC 4180). Progress goes to stderr; --quiet silences it.
`;

const FLAGS = new Set(['quiet', 'explain', 'help']);

export function parseArguments(argv: readonly string[]): { command: string; options: Map<string, string> } {
  const [command, ...rest] = argv;
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (FLAGS.has(name)) {
      options.set(name, 'true');
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`option --${name} needs a value`);
    options.set(name, value);
  }
  return { command: command ?? '', options };
}

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help' || argv[0] === '-h') {
    io.stdout(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const { command, options } = parseArguments(argv);
    const spec = COMMANDS[command];
    if (!spec) throw new UsageError(`unknown command "${command}"`);
    if (options.has('help')) {
      io.stdout(USAGE);
      return 0;
    }
    for (const name of options.keys()) {
      if (!spec.options.includes(name) && !FLAGS.has(name)) throw new UsageError(`${command} has no option --${name}`);
    }
    for (const name of spec.required) {
      if (!options.has(name)) throw new UsageError(`${command} needs --${name}`);
    }
    const started = performance.now();
    const context: CommandContext = {
      options,
      io,
      progress: options.has('quiet')
        ? () => undefined
        : (message) => io.stderr(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`),
    };
    spec.run(context);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`hotline-classify: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof DataError || error instanceof CsvError || error instanceof ModelFileError) {
      io.stderr(`hotline-classify: error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
