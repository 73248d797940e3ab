import type { Logger } from 'pino';

/**
 * Runs `pass` again and again in the background until stopped: each pass returns how long to
 * wait before the next one (0: at once), a thrown error is logged and waits `errorDelayMs`.
 * `wake()` cuts a wait short (a commit that has work for it), or, during a pass, skips the next
 * wait (the pass may have looked before that commit); `stop()` waits for the pass in flight.
 * The outbox relay and the timer worker share it.
 */
export class BackgroundLoop {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  /** A wake() that came while a pass ran: the next wait is skipped, so the work it announced is not left for the timeout. */
  private wokenDuringPass = false;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<number>,
    private readonly logger: Logger,
    private readonly errorDelayMs: number,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenDuringPass = true;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay: number;
      this.wokenDuringPass = false;
      try {
        delay = await this.pass();
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, `${this.name} pass failed`);
        delay = this.errorDelayMs;
      }
      if (delay <= 0 || !this.running || this.wokenDuringPass) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.wakeUp = undefined;
          resolve();
        }, delay);
        this.wakeUp = () => {
          this.wakeUp = undefined;
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
