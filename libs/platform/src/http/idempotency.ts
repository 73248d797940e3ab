import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { from, lastValueFrom, Observable } from 'rxjs';
import { isTenantCode } from '@hotline/vocabulary';
import type { Identity } from '../auth/identity';
import { TenantDb } from '../service/tenant-db';
import { ProblemError } from './problem';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9._:-]{8,200}$/;
/** How long a key's outcome is kept: a client retries within minutes, a day is ample. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface CallRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  params?: Record<string, string>;
  query?: unknown;
  identity?: Identity;
  routeOptions?: { url?: string };
}

interface StoredOutcome {
  method: string;
  route: string;
  fingerprint: string;
  status: number | null;
  response: unknown;
}

/**
 * Safe retries (issue 18): a creating or state-changing call that carries an `Idempotency-Key`
 * runs in one transaction together with the record of its outcome, keyed by tenant and key. A
 * retry with the same key gets the first outcome back (`Idempotent-Replayed: true`) and changes
 * nothing; a retry arriving while the first is still running waits for it (the key's row is
 * locked until it commits); the same key with another request is a 422. A call that fails
 * stores nothing, so its retry runs afresh. Calls without the header are untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly db: TenantDb) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<CallRequest>();
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (!CHANGING.has(request.method) || raw === undefined) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || !KEY.test(key))
      throw ProblemError.validation([{ field: `header.${IDEMPOTENCY_HEADER}`, message: '8 to 200 letters, digits, dot, colon, dash or underscore' }]);
    const tenantId = request.identity?.tenantId ?? request.params?.['tenant'];
    // A public call to a malformed tenant path goes on to its controller's own 4xx.
    if (!tenantId || !isTenantCode(tenantId)) return next.handle();
    const route = request.routeOptions?.url ?? '';
    const call = { method: request.method, route, fingerprint: fingerprintOf(request) };
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    const reply = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    return from(
      this.db.ambient(tenantId, async (manager) => {
        const first = await claim(manager, tenantId, key, call);
        if (first) {
          if (first.method !== call.method || first.route !== call.route || first.fingerprint !== call.fingerprint)
            throw new ProblemError(422, 'idempotency_key_reused', 'Idempotency key reused', 'this Idempotency-Key was used for another request');
          reply.header('idempotent-replayed', 'true');
          return first.response;
        }
        const response = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await manager.query(`update idempotency_keys set status = $3, response = $4 where tenant_id = $1 and key = $2`, [
          tenantId,
          key,
          status,
          JSON.stringify(response ?? null),
        ]);
        return response;
      }),
    );
  }
}

/** What makes two calls the same request: method, route, path parameters, query and body. */
function fingerprintOf(request: CallRequest): string {
  // An uploaded file (a Buffer) counts by its digest: its JSON spelling would be a number per byte.
  const body = Buffer.isBuffer(request.body) ? { sha256: createHash('sha256').update(request.body).digest('hex') } : (request.body ?? null);
  const canonical = JSON.stringify([request.method, request.routeOptions?.url, request.params ?? {}, request.query ?? {}, body]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Claims the key for this call, or returns the outcome stored by the call that claimed it. The
 * insert waits while another transaction holds the same key, so two concurrent calls never both run.
 */
async function claim(manager: EntityManager, tenantId: string, key: string, call: Omit<StoredOutcome, 'status' | 'response'>) {
  const inserted: unknown[] = await manager.query(
    `insert into idempotency_keys (tenant_id, key, method, route, fingerprint) values ($1, $2, $3, $4, $5)
     on conflict do nothing returning key`,
    [tenantId, key, call.method, call.route, call.fingerprint],
  );
  if (inserted.length > 0) {
    // Now and then, forget the tenant's keys older than the retention (cheap: one index range).
    if (Math.random() < 0.01)
      await manager.query(`delete from idempotency_keys where tenant_id = $1 and created_at < now() - make_interval(hours => $2)`, [
        tenantId,
        IDEMPOTENCY_RETENTION_HOURS,
      ]);
    return undefined;
  }
  const [stored]: StoredOutcome[] = await manager.query(
    `select method, route, fingerprint, status, response from idempotency_keys where tenant_id = $1 and key = $2`,
    [tenantId, key],
  );
  return stored;
}
