import { intakeConfigSchema } from './config';

describe('intake configuration', () => {
  it('accepts base64 of exactly 32 bytes as PII_MASTER_KEY', () => {
    expect(intakeConfigSchema.safeParse({ PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') }).success).toBe(true);
  });

  it.each([Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64'), 'not base64 at all', ''])(
    'refuses %j',
    (key) => expect(intakeConfigSchema.safeParse({ PII_MASTER_KEY: key }).success).toBe(false),
  );
});
