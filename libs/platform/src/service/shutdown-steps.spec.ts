import type { Logger } from 'pino';
import { runShutdownSteps } from './open-service-context';

describe('shutdown steps', () => {
  const warnings: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const logger = { warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }) } as unknown as Logger;
  beforeEach(() => warnings.splice(0));

  it('runs every step last first, going on past one that fails and one that never finishes, and names them', async () => {
    const ran: string[] = [];
    await runShutdownSteps(
      [
        { name: 'database pool', run: async () => void ran.push('database pool') },
        { name: 'consumer c1', run: () => new Promise(() => ran.push('consumer c1')) },
        { name: 'outbox relay', run: async () => { ran.push('outbox relay'); throw new Error('broker gone'); } },
        { name: 'HTTP application', run: async () => void ran.push('HTTP application') },
      ],
      logger,
      20,
    );
    expect(ran).toEqual(['HTTP application', 'outbox relay', 'consumer c1', 'database pool']);
    expect(warnings).toEqual([
      { fields: { step: 'outbox relay', err: 'broker gone' }, message: 'shutdown step failed' },
      { fields: { step: 'consumer c1', ms: 20 }, message: 'shutdown step did not finish in time; going on without it' },
    ]);
  });
});
