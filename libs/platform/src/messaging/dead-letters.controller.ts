import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Identity } from '../auth/identity';
import { CurrentIdentity, Roles } from '../http/auth';
import { ApiZodBody, ApiZodQuery } from '../http/openapi';
import { ProblemError, validate } from '../http/problem';
import { pageShape, wholeNumber } from '../http/schemas';
import { SERVICE_CONTEXT, ServiceContext } from '../service/service-context';
import { DEAD_LETTER_STATES, DeadLetterScope, listDeadLetters, replayDeadLetter, replayWaitingDeadLetters } from './dead-letter-replay';

const Consumer = z.string().regex(/^[a-z0-9-]{1,120}$/, 'a durable consumer name');
const ListQuery = z.object({ consumer: Consumer.optional(), state: z.enum(DEAD_LETTER_STATES).default('waiting'), ...pageShape }).strict();
const IdParams = z.object({ id: wholeNumber(1, Number.MAX_SAFE_INTEGER) });
const ReplayAllBody = z.object({ consumer: Consumer.optional() }).strict();

/** The province operator sees every tenant's dead letters; a tenant's admin its own only. */
function scopeOf(who: Identity): DeadLetterScope {
  return who.roles.includes('province-operator') ? {} : { tenantId: who.tenantId };
}

/**
 * The service's dead letters, for operators: list them with their errors, replay one or all
 * once the cause is fixed (idempotent through the inbox). The same as `main.js dead-letters …`.
 */
@ApiTags('dead letters')
@ApiBearerAuth()
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(@Inject(SERVICE_CONTEXT) private readonly ctx: ServiceContext) {}

  @Get()
  @ApiOperation({ summary: 'Dead letters of this service (waiting by default), without payloads' })
  @ApiZodQuery(ListQuery)
  @Roles('province-operator', 'tenant-admin')
  list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    return listDeadLetters(this.ctx, scopeOf(who), validate(ListQuery, query, 'query'));
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply one dead letter again through its consumer (nothing changes if it was applied already)' })
  @Roles('province-operator', 'tenant-admin')
  async replay(@CurrentIdentity() who: Identity, @Param() params: unknown) {
    const { id } = validate(IdParams, params, 'path');
    const outcome = await replayDeadLetter(this.ctx, scopeOf(who), id);
    if (!outcome) throw ProblemError.notFound(`dead letter ${id}`);
    return outcome;
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every waiting dead letter (of one consumer, when named)' })
  @ApiZodBody(ReplayAllBody)
  @Roles('province-operator', 'tenant-admin')
  replayAll(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const { consumer } = validate(ReplayAllBody, body);
    return replayWaitingDeadLetters(this.ctx, scopeOf(who), consumer);
  }
}
