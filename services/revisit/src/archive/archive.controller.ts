import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DEFAULT_TIME_ZONE } from '@hotline/calendar';
import { ApiZodQuery, CurrentIdentity, Identity, PageQuery, Roles, SERVICE_CONTEXT, ServiceContext, TenantDb, toProblem, validate } from '@hotline/platform';
import { exportArchive, ExportSink, writableSink } from './archive-export';
import { ArchiveExportQuery, ArchiveExportQueryShape } from './archive-export.schemas';
import { listArchive } from './archive.query';
import { toArchiveView } from './archive.views';
import { verifyArchive } from './verify-archive.query';

@ApiTags('archive')
@ApiBearerAuth()
@Controller('v1/archive')
export class ArchiveController {
  constructor(
    private readonly db: TenantDb,
    @Inject(SERVICE_CONTEXT) private readonly ctx: ServiceContext,
  ) {}

  @Get()
  @ApiZodQuery(PageQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const page = validate(PageQuery, query, 'query');
    const records = await this.db.run(who.tenantId, (m) => listArchive(m, page));
    return { items: records.map(toArchiveView), ...page };
  }

  @Get('verify')
  @Roles('supervisor', 'tenant-admin')
  verify(@CurrentIdentity() who: Identity) {
    return this.db.run(who.tenantId, (m) => verifyArchive(m));
  }

  /**
   * The records office's export of a period (issue 13): JSON lines streamed from a cursor — a
   * header with the total, one line per link archived on those days (the tenant's time zone),
   * a trailer with the count and the last hash. Audited (archive_exports). Once the header is
   * sent a failure can only cut the stream: a file without its trailer is incomplete.
   */
  @Get('export')
  @ApiOperation({ summary: 'Exports the archive links of a period as application/x-ndjson (header, one line per link, trailer)' })
  @ApiProduces('application/x-ndjson')
  @ApiZodQuery(ArchiveExportQueryShape)
  @Roles('supervisor', 'tenant-admin')
  async export(@CurrentIdentity() who: Identity, @Query() query: unknown, @Res() reply: FastifyReply) {
    const period = validate(ArchiveExportQuery, query, 'query');
    const timeZone = (await this.ctx.tenants.find(who.tenantId))?.timeZone ?? DEFAULT_TIME_ZONE;
    reply.hijack();
    const raw = reply.raw;
    // The status goes with the first line: a failure before it is still an honest problem response.
    let started = false;
    const sink = writableSink(raw);
    const headed: ExportSink = {
      write: (chunk) => {
        if (!started) {
          started = true;
          raw.writeHead(200, {
            'content-type': 'application/x-ndjson; charset=utf-8',
            'content-disposition': `attachment; filename="archive-${who.tenantId}-${period.from}-${period.to}.ndjson"`,
            'cache-control': 'no-store',
          });
        }
        return sink.write(chunk);
      },
    };
    try {
      await exportArchive(this.ctx.dataSource, headed, { tenantId: who.tenantId, period, timeZone, exportedBy: who.subject, roles: who.roles });
      raw.end();
    } catch (err) {
      this.ctx.logger.warn({ route: 'GET /v1/archive/export', err: (err as Error).message }, 'archive export cut short');
      if (started) return void raw.destroy();
      const problem = toProblem(err, '/v1/archive/export');
      raw.writeHead(problem.status, { 'content-type': 'application/problem+json' });
      raw.end(JSON.stringify(problem));
    }
  }
}
