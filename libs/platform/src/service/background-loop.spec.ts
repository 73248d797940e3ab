import { createLogger } from '../observability/logger';
import { BackgroundLoop } from './background-loop';

describe('BackgroundLoop', () => {
  it('does not sleep after a pass during which it was woken (the pass may have looked before the commit)', async () => {
    const started: number[] = [];
    let loop: BackgroundLoop | undefined;
    const secondPass = new Promise<void>((resolve) => {
      loop = new BackgroundLoop(
        'test',
        async () => {
          started.push(Date.now());
          if (started.length === 1) loop?.wake(); // a notification arriving while the first pass runs
          if (started.length === 2) resolve();
          return 60_000;
        },
        createLogger('test', 'silent'),
        60_000,
      );
    });
    loop?.start();
    await Promise.race([secondPass, new Promise((r) => setTimeout(r, 2_000))]);
    await loop?.stop();
    expect(started).toHaveLength(2);
    expect((started[1] as number) - (started[0] as number)).toBeLessThan(1_000);
  });

  it('still waits when nothing woke it', async () => {
    let passes = 0;
    const loop = new BackgroundLoop('test', async () => (passes++, 60_000), createLogger('test', 'silent'), 60_000);
    loop.start();
    await new Promise((r) => setTimeout(r, 300));
    await loop.stop();
    expect(passes).toBe(1);
  });
});
