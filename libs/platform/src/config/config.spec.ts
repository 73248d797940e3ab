import { baseConfigSchema, ConfigError, parseConfig } from './config';

const valid = {
  HTTP_PORT: '3000',
  GRPC_PORT: '50051',
  DATABASE_URL: 'postgres://svc@127.0.0.1:5432/svc',
  NATS_URL: 'nats://127.0.0.1:4222',
  AUTH_LOCAL_SECRET: 'x'.repeat(32),
};

describe('parseConfig', () => {
  it('accepts a complete environment and applies defaults', () => {
    const config = parseConfig(baseConfigSchema, valid);
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.AUTH_MODE).toBe('local');
    expect(config.EVENT_NAMESPACE).toBe('');
  });

  it('names every missing or invalid variable in one error', () => {
    let error: unknown;
    try {
      parseConfig(baseConfigSchema, { HTTP_PORT: 'eighty', DATABASE_URL: 'mysql://x', AUTH_MODE: 'jwks' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['HTTP_PORT', 'GRPC_PORT: missing', 'DATABASE_URL', 'NATS_URL: missing', 'AUTH_JWKS_URL'])
      expect(message).toContain(name);
  });

  it('requires the issuer and the audience in jwks mode', () => {
    const jwks = { ...valid, AUTH_MODE: 'jwks', AUTH_JWKS_URL: 'https://idp.example.gov.cn/jwks.json' };
    expect(() => parseConfig(baseConfigSchema, jwks)).toThrow(/AUTH_ISSUER: required when AUTH_MODE=jwks[\s\S]*AUTH_AUDIENCE: required/);
    expect(() => parseConfig(baseConfigSchema, { ...jwks, AUTH_ISSUER: 'https://idp.example.gov.cn', AUTH_AUDIENCE: 'hotline' })).not.toThrow();
  });

  it('requires the local signing secret in local auth mode', () => {
    const { AUTH_LOCAL_SECRET: _omit, ...rest } = valid;
    expect(() => parseConfig(baseConfigSchema, rest)).toThrow(/AUTH_LOCAL_SECRET: required when AUTH_MODE=local/);
  });
});
