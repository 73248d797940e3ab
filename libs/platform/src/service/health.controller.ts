import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/auth';
import { SERVICE_CONTEXT, ServiceContext } from './service-context';

@Controller()
@Public()
export class HealthController {
  constructor(@Inject(SERVICE_CONTEXT) private readonly ctx: ServiceContext) {}

  /** Liveness: the process serves requests. */
  @Get('healthz')
  @HttpCode(200)
  healthz() {
    return { status: 'ok', service: this.ctx.name };
  }

  /** Readiness: its database and NATS answer. */
  @Get('readyz')
  async readyz(@Res() reply: FastifyReply) {
    const checks = await this.ctx.checks();
    const ready = Object.values(checks).every((c) => c === 'ok');
    if (ready) return reply.status(200).send({ status: 'ready', service: this.ctx.name, checks });
    return reply
      .status(503)
      .header('content-type', 'application/problem+json')
      .send({ type: 'about:blank', title: 'Not ready', status: 503, code: 'not_ready', checks });
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics() {
    return this.ctx.metrics.registry.metrics();
  }
}
