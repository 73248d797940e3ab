import { NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { ProblemError, toProblem, validate } from './problem';

describe('problem responses (RFC 9457)', () => {
  const Body = z.object({ name: z.string().min(1), age: z.number().int(), tags: z.array(z.string()).max(2) }).strict();

  it('names every invalid field, with nested paths', () => {
    let problem: ProblemError | undefined;
    try {
      validate(Body, { name: '', age: 1.5, tags: ['a', 'b', 'c'], extra: true });
    } catch (err) {
      problem = err as ProblemError;
    }
    expect(problem?.status).toBe(400);
    expect(problem?.errors?.map((e) => e.field).sort()).toEqual(['(body)', 'age', 'name', 'tags']);
    expect(toProblem(problem)).toMatchObject({ status: 400, code: 'validation_failed', type: expect.stringContaining('validation_failed') });
  });

  it('prefixes query parameters', () => {
    expect(() => validate(z.object({ from: z.string().date() }), { from: 'x' }, 'query')).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'query.from' })] }),
    );
  });

  it('keeps client errors from the framework as 4xx and hides internal errors', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(toProblem(Object.assign(new Error('too large'), { statusCode: 413 }))).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(toProblem(Object.assign(new Error('duplicate key'), { driverError: { code: '23505' } }))).toMatchObject({
      status: 409,
      code: 'conflict',
    });
    const internal = toProblem(new Error('password=hunter2 at db host'));
    expect(internal).toEqual({ type: 'about:blank', title: 'Internal error', status: 500, code: 'internal', instance: undefined });
  });

  it('answers an infrastructure outage with 503, never a 500, without its details', () => {
    const outage = toProblem(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }));
    expect(outage).toMatchObject({ status: 503, code: 'unavailable' });
    expect(JSON.stringify(outage)).not.toContain('10.0.0.5');
    expect(toProblem(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })).status).toBe(503);
  });
});
