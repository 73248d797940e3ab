import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { periodOf } from '@hotline/analytics-domain';
import { localDateOf } from '@hotline/calendar';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, ProblemError, Roles, SERVICE_CONTEXT, ServiceContext, TenantDb, validate } from '@hotline/platform';
import { generateReport, tenantOf } from './generate-report.command';
import { reportCsv } from './report-csv';
import { PRINT_CONTENT_SECURITY_POLICY, reportPrintPage } from './report-print';
import { reportDelayMinutes } from './report-schedule';
import { reportSections } from './report-sections';
import { countReports, findReport, listReports } from './reports.repository';
import { GenerateReportBody, ListReportsQuery, ReportFormatQuery, ReportIdParams, ReportRefParams } from './reports.schemas';
import { reportSummaryView, reportView } from './reports.views';

const CONTENTS =
  'A report (日报/周报/月报) of the tenant, for a local day, an ISO week (Monday to Sunday) or a calendar month in the ' +
  'tenant’s time zone: requests received (by type, channel and current status; closed, direct answers, terminated, merged), ' +
  'the rates of /v1/metrics/rates for the period each with its numerator and denominator (the tenant’s rate settings as ' +
  'basis), urged and overdue orders, every unit with its rates and two rankings (on-time completion, satisfaction), the ' +
  'top categories and areas, alerts raised and clusters of the period, the phone service (话务: per queue 人工接通率 and ' +
  '人工应答及时率 with their numerators and denominators, non-request calls, callbacks due and done, from intake’s call events), ' +
  'and each headline figure beside the previous period’s. ' +
  'Requests count by receipt day, their orders with them, calls by the day they entered the queue (all in the tenant’s time zone). A report is a stored snapshot: it stays what it was when issued; ' +
  'generating the period again makes a new version, and the earlier one is `superseded`.';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly db: TenantDb,
    @Inject(SERVICE_CONTEXT) private readonly ctx: ServiceContext,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Generate a report of a period now (a new version)', description: CONTENTS })
  @ApiZodBody(GenerateReportBody)
  @Roles('supervisor', 'tenant-admin')
  async generate(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(GenerateReportBody, body);
    const span = periodOf(input.period, input.date);
    const { timeZone } = await tenantOf(this.db, this.ctx.tenants, who.tenantId);
    if (span.start > localDateOf(new Date(), timeZone))
      throw ProblemError.validation([{ field: 'date', message: 'the period has not begun yet in the tenant’s time zone' }]);
    const record = await generateReport(this.db, this.ctx.tenants, {
      tenantId: who.tenantId, span, generator: 'user', generatedBy: who.subject, delayMinutes: reportDelayMinutes(this.ctx.serviceConfig),
    });
    if (!record) throw new Error('a generation on demand always stores a new version');
    return reportSummaryView(record);
  }

  @Get()
  @ApiOperation({ summary: 'The tenant’s reports, the latest period first, each period’s newest version first' })
  @ApiZodQuery(ListReportsQuery)
  @Roles('supervisor', 'tenant-admin')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const q = validate(ListReportsQuery, query, 'query');
    return this.db.read(who.tenantId, async (m) => ({
      total: await countReports(m, q.period),
      limit: q.limit,
      offset: q.offset,
      items: (await listReports(m, q)).map(reportSummaryView),
    }));
  }

  @Get(':ref')
  @ApiOperation({
    summary: 'One report as issued: JSON, or CSV with {id}.csv or ?format=csv',
    description:
      'CSV: UTF-8 with a byte order mark (Excel shows the Chinese), CRLF; per section a title line `[code] title`, a header ' +
      'line, its rows and an empty line. Rates are fractions (0.9512), empty when their denominator is 0.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiZodQuery(ReportFormatQuery)
  @Roles('supervisor', 'tenant-admin')
  async one(@CurrentIdentity() who: Identity, @Param() params: unknown, @Query() query: unknown, @Res() reply: FastifyReply) {
    const ref = validate(ReportRefParams, params, 'path');
    const { format } = validate(ReportFormatQuery, query, 'query');
    const found = await this.find(who, ref.id);
    if ((ref.format ?? format) !== 'csv') return reply.status(200).send(reportView(found, found.snapshot));
    const file = `report-${who.tenantId}-${found.period}-${found.periodKey}-v${found.version}.csv`;
    return reply
      .status(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .send(reportCsv(reportSections(found, found.snapshot)));
  }

  @Get(':id/print')
  @ApiOperation({ summary: 'One report as a printable page (zh-CN HTML with print CSS, no scripts)' })
  @ApiProduces('text/html')
  @Roles('supervisor', 'tenant-admin')
  async print(@CurrentIdentity() who: Identity, @Param() params: unknown, @Res() reply: FastifyReply) {
    const { id } = validate(ReportIdParams, params, 'path');
    const found = await this.find(who, id);
    return reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PRINT_CONTENT_SECURITY_POLICY)
      .send(reportPrintPage(found, found.snapshot, reportSections(found, found.snapshot)));
  }

  private async find(who: Identity, id: string) {
    const found = await this.db.read(who.tenantId, (m) => findReport(m, id));
    if (!found) throw ProblemError.notFound('report');
    return found;
  }
}
