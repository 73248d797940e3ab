import { intakeConfigSchema, PublicLookupPolicy } from './config';

describe('intake configuration', () => {
  it('accepts base64 of exactly 32 bytes as PII_MASTER_KEY', () => {
    expect(intakeConfigSchema.safeParse({ PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') }).success).toBe(true);
  });

  it.each([Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64'), 'not base64 at all', ''])(
    'refuses %j',
    (key) => expect(intakeConfigSchema.safeParse({ PII_MASTER_KEY: key }).success).toBe(false),
  );
});

describe('intake key configuration for rotation', () => {
  const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

  it('reads the current key version and the retired keys', () => {
    const parsed = intakeConfigSchema.parse({ PII_MASTER_KEY: key(2), PII_KEY_VERSION: '2', PII_RETIRED_KEYS: `1:${key(1)}` });
    expect(parsed.PII_KEY_VERSION).toBe(2);
    expect(parsed.PII_RETIRED_KEYS).toEqual([{ version: 1, key: Buffer.alloc(32, 1) }]);
  });

  it.each([['1'], [`x:${key(1)}`], ['1:short'], [`0:${key(1)}`]])('refuses PII_RETIRED_KEYS %j', (retired) => {
    const parsed = intakeConfigSchema.safeParse({ PII_MASTER_KEY: key(2), PII_KEY_VERSION: '2', PII_RETIRED_KEYS: retired });
    expect(parsed.success).toBe(false);
  });
});

describe('intake public lookup lockout configuration', () => {
  const base = { PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') };

  it('defaults to 5 wrong codes in 15 minutes, the same for every tenant', () => {
    expect(new PublicLookupPolicy(intakeConfigSchema.parse(base))).toEqual({ maxWrongCodes: 5, windowMinutes: 15 });
    const tighter = intakeConfigSchema.parse({ ...base, PUBLIC_LOOKUP_MAX_WRONG_CODES: '3', PUBLIC_LOOKUP_WINDOW_MINUTES: '60' });
    expect(new PublicLookupPolicy(tighter)).toEqual({ maxWrongCodes: 3, windowMinutes: 60 });
  });

  it.each([['PUBLIC_LOOKUP_MAX_WRONG_CODES', '0'], ['PUBLIC_LOOKUP_MAX_WRONG_CODES', 'many'], ['PUBLIC_LOOKUP_WINDOW_MINUTES', '1441']])(
    'refuses %s=%j',
    (name, value) => expect(intakeConfigSchema.safeParse({ ...base, [name]: value }).success).toBe(false),
  );
});
