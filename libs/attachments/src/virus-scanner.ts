import { spawn } from 'node:child_process';

/** What a scan says: nothing found, something found, or no scanner configured. */
export type ScanVerdict = 'clean' | 'infected' | 'not-scanned';

/**
 * The virus-scan hook (ADR 0028): every accepted upload passes it before it is stored. An
 * infected file is refused (422) and never stored; a scanner that cannot answer makes the upload
 * a 503 (retry later), never a file kept unscanned when scanning was asked for.
 */
export interface VirusScanner {
  /** `none`, or the command run. */
  readonly name: string;
  scan(bytes: Buffer): Promise<ScanVerdict>;
}

/** No scanner configured: every file is `not-scanned` (recorded so on its row). */
export class NoVirusScanner implements VirusScanner {
  readonly name = 'none';
  async scan(): Promise<ScanVerdict> {
    return 'not-scanned';
  }
}

/** The scanner did not answer (not installed, crashed, timed out, exit code other than 0 or 1): a 503. */
export class ScannerUnavailableError extends Error {
  readonly code = '503';
  constructor(message: string) {
    super(message);
    this.name = 'ScannerUnavailableError';
  }
}

/**
 * Runs a command with the file on its standard input and reads its exit code the way ClamAV's
 * clamdscan and clamscan state it (0: no virus found, 1: virus(es) found, 2: an error) — e.g.
 * `clamdscan --no-summary -`, which streams the bytes to clamd. The command is split on spaces and
 * run without a shell. Output is not read (it may name the file's contents); stderr is kept short
 * for the error message.
 */
export class CommandVirusScanner implements VirusScanner {
  readonly name: string;
  private readonly args: string[];

  constructor(command: string, private readonly timeoutMs: number) {
    const [program, ...args] = command.trim().split(/\s+/).filter(Boolean);
    if (!program) throw new Error('empty scan command');
    this.name = program;
    this.args = args;
  }

  scan(bytes: Buffer): Promise<ScanVerdict> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.name, this.args, { stdio: ['pipe', 'ignore', 'pipe'], timeout: this.timeoutMs, killSignal: 'SIGKILL' });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-300)));
      // A scanner that stops reading early (it found something in the first bytes) closes its
      // input: the write fails with EPIPE, and the exit code still says what it found.
      child.stdin.on('error', () => undefined);
      child.on('error', (err) => reject(new ScannerUnavailableError(`virus scanner ${this.name} could not run: ${err.message}`)));
      child.on('close', (code, signal) => {
        if (code === 0) resolve('clean');
        else if (code === 1) resolve('infected');
        else if (signal) reject(new ScannerUnavailableError(`virus scanner ${this.name} did not answer within ${this.timeoutMs} ms`));
        else reject(new ScannerUnavailableError(`virus scanner ${this.name} failed (exit ${code}): ${stderr.trim()}`));
      });
      child.stdin.end(bytes);
    });
  }
}
