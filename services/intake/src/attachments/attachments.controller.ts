import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Attachments,
  downloadHeaders,
  listAttachments,
  loadAttachmentPolicy,
  PutAttachmentPolicyBody,
  saveAttachmentPolicy,
  toAttachmentView,
  UploadAttachmentQuery,
} from '@hotline/attachments';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, RawBody, Roles, TenantDb, validate } from '@hotline/platform';
import { ATTACHMENT_CONTENT_TYPES, HOTLINE_WIDE_ROLES, UNIT_ROLES } from '@hotline/vocabulary';
import { ClearReadQuery } from '../pii-access/pii-access.schemas';
import { RequestIdParam } from '../requests/requests.schemas';
import { REQUEST_ATTACHMENT_READERS, REQUEST_ATTACHMENT_UPLOADERS } from './attachment-access';
import { downloadRequestAttachment } from './download-request-attachment.query';
import { readableRequest } from './request-attachments';
import { uploadRequestAttachment } from './upload-request-attachment.command';

/**
 * Attachments of a request (ADR 0028): uploaded as the raw body (its Content-Type the declared
 * type, checked against the bytes; `filename` in the query), listed, and downloaded only after
 * the same check as its text in clear, for a stated purpose, audited.
 */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller('v1')
export class RequestAttachmentsController {
  constructor(
    private readonly db: TenantDb,
    private readonly attachments: Attachments,
  ) {}

  @Post('requests/:id/attachments')
  @HttpCode(201)
  @RawBody()
  @ApiOperation({ summary: "Attach a file to an open request: the body is the file, its Content-Type the file's type, ?filename= its name" })
  @ApiConsumes(...ATTACHMENT_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiZodQuery(UploadAttachmentQuery)
  @Roles(...REQUEST_ATTACHMENT_UPLOADERS)
  async upload(
    @CurrentIdentity() who: Identity,
    @Param('id') id: string,
    @Query() query: unknown,
    @Headers('content-type') declared: string | undefined,
    @Body() body: unknown,
  ) {
    const requestId = validate(RequestIdParam, id, 'id');
    const { filename } = validate(UploadAttachmentQuery, query, 'query');
    const bytes = Buffer.isBuffer(body) ? body : undefined;
    const record = await this.db.run(who.tenantId, (m) => uploadRequestAttachment(m, this.attachments, who, requestId, { bytes, declared, filename }));
    return toAttachmentView(record);
  }

  @Get('requests/:id/attachments')
  @ApiOperation({ summary: "A request's attachments, oldest first (agents, hotline staff, its primary unit; a confidential one: supervisors)" })
  @Roles(...REQUEST_ATTACHMENT_READERS)
  async list(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const requestId = validate(RequestIdParam, id, 'id');
    const items = await this.db.read(who.tenantId, async (m) => listAttachments(m, await readableRequest(m, who, requestId)));
    return { items: items.map(toAttachmentView) };
  }

  @Get('requests/:id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attachment, for a stated purpose (audited): served as the type its bytes showed, as a download; 410 attachment_erased once retention erased it' })
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiZodQuery(ClearReadQuery)
  @Roles(...REQUEST_ATTACHMENT_READERS)
  async download(
    @CurrentIdentity() who: Identity,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ) {
    const requestId = validate(RequestIdParam, id, 'id');
    const read = validate(ClearReadQuery, query, 'query');
    const { record, bytes } = await this.db.run(who.tenantId, (m) => downloadRequestAttachment(m, this.attachments, who, requestId, attachmentId, read));
    return reply.status(200).headers(downloadHeaders(record)).send(bytes);
  }

  @Get('attachment-policy')
  @ApiOperation({ summary: "The hotline's attachment limits for requests (default: 10 MiB a file, 20 a request, every type)" })
  @Roles('agent', ...HOTLINE_WIDE_ROLES, ...UNIT_ROLES)
  async policy(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => loadAttachmentPolicy(m));
  }

  @Put('attachment-policy')
  @ApiZodBody(PutAttachmentPolicyBody)
  @Roles('tenant-admin')
  async putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutAttachmentPolicyBody, body ?? null);
    return this.db.run(who.tenantId, (m) => saveAttachmentPolicy(m, who, input));
  }
}
