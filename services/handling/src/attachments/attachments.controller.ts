import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EntityManager } from 'typeorm';
import {
  addAttachment,
  Attachments,
  downloadHeaders,
  listAttachments,
  loadAttachmentPolicy,
  PutAttachmentPolicyBody,
  saveAttachmentPolicy,
  toAttachmentView,
  UploadAttachmentQuery,
} from '@hotline/attachments';
import { WORK_ORDER_READERS } from '@hotline/handling-domain';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, RawBody, Roles, TenantDb, validate } from '@hotline/platform';
import { ATTACHMENT_CONTENT_TYPES, UNIT_ROLES } from '@hotline/vocabulary';
import { ClearReadQuery } from '../pii-access/pii-access.schemas';
import { requireJsonBody } from '../request-body';
import {
  HandlingOwner,
  supervisionTakingAttachments,
  visibleSupervisionOwner,
  visibleWorkOrderOwner,
  workOrderTakingAttachments,
} from './attachment-owners';
import { downloadAttachment } from './download-attachment.query';

type OwnerOf = (m: EntityManager, who: Identity, id: string) => Promise<HandlingOwner>;

const UPLOAD_DOC = [
  RawBody(),
  ApiConsumes(...ATTACHMENT_CONTENT_TYPES),
  ApiBody({ schema: { type: 'string', format: 'binary' } }),
  ApiZodQuery(UploadAttachmentQuery),
  Roles(...UNIT_ROLES),
];
const apply = (...decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const d of decorators) d(target, key, descriptor);
};

/**
 * Attachments of a work order's answer and of a 督办 order's reply (ADR 0028): uploaded by the
 * order's unit as the raw body (Content-Type the declared type, checked against the bytes;
 * `filename` in the query), listed and downloaded by whoever sees the order — a download for a
 * stated purpose, audited.
 */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller('v1')
export class AttachmentsController {
  constructor(
    private readonly db: TenantDb,
    private readonly attachments: Attachments,
  ) {}

  private async upload(who: Identity, id: string, query: unknown, declared: string | undefined, body: unknown, ownerOf: OwnerOf) {
    const { filename } = validate(UploadAttachmentQuery, query, 'query');
    const bytes = Buffer.isBuffer(body) ? body : undefined;
    const record = await this.db.run(who.tenantId, async (m) => addAttachment(m, this.attachments, who, await ownerOf(m, who, id), { bytes, declared, filename }));
    return toAttachmentView(record);
  }

  private async list(who: Identity, id: string, ownerOf: OwnerOf) {
    const items = await this.db.read(who.tenantId, async (m) => listAttachments(m, await ownerOf(m, who, id)));
    return { items: items.map(toAttachmentView) };
  }

  private async download(who: Identity, id: string, attachmentId: string, query: unknown, reply: FastifyReply, ownerOf: OwnerOf) {
    const { purpose } = validate(ClearReadQuery, query, 'query');
    const { record, bytes } = await this.db.run(who.tenantId, async (m) =>
      downloadAttachment(m, this.attachments, who, await ownerOf(m, who, id), attachmentId, purpose),
    );
    return reply.status(200).headers(downloadHeaders(record)).send(bytes);
  }

  @Post('work-orders/:id/attachments')
  @HttpCode(201)
  @ApiOperation({ summary: "Attach a file to the answer of the caller's unit's open order (awaiting sign-for or in progress)" })
  @apply(...UPLOAD_DOC)
  uploadToWorkOrder(@CurrentIdentity() who: Identity, @Param('id') id: string, @Query() q: unknown, @Headers('content-type') type: string | undefined, @Body() body: unknown) {
    return this.upload(who, id, q, type, body, workOrderTakingAttachments);
  }

  @Get('work-orders/:id/attachments')
  @ApiOperation({ summary: "A work order's attachments, oldest first (its unit's staff, the hotline-wide staff)" })
  @Roles(...WORK_ORDER_READERS)
  listOfWorkOrder(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return this.list(who, id, visibleWorkOrderOwner);
  }

  @Get('work-orders/:id/attachments/:attachmentId')
  @ApiOperation({ summary: "Download a work order's attachment, for a stated purpose (audited); 410 attachment_erased once retention erased it" })
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiZodQuery(ClearReadQuery)
  @Roles(...WORK_ORDER_READERS)
  downloadOfWorkOrder(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('attachmentId') a: string, @Query() q: unknown, @Res() reply: FastifyReply) {
    return this.download(who, id, a, q, reply, visibleWorkOrderOwner);
  }

  @Post('supervision-orders/:id/attachments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Attach a file to the reply of an open 督办 order on the caller’s unit' })
  @apply(...UPLOAD_DOC)
  uploadToSupervision(@CurrentIdentity() who: Identity, @Param('id') id: string, @Query() q: unknown, @Headers('content-type') type: string | undefined, @Body() body: unknown) {
    return this.upload(who, id, q, type, body, supervisionTakingAttachments);
  }

  @Get('supervision-orders/:id/attachments')
  @ApiOperation({ summary: "A 督办 order's attachments, oldest first (the supervised unit's staff, the hotline-wide staff)" })
  @Roles(...WORK_ORDER_READERS)
  listOfSupervision(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    return this.list(who, id, visibleSupervisionOwner);
  }

  @Get('supervision-orders/:id/attachments/:attachmentId')
  @ApiOperation({ summary: "Download a 督办 order's attachment, for a stated purpose (audited); 410 attachment_erased once retention erased it" })
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiZodQuery(ClearReadQuery)
  @Roles(...WORK_ORDER_READERS)
  downloadOfSupervision(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('attachmentId') a: string, @Query() q: unknown, @Res() reply: FastifyReply) {
    return this.download(who, id, a, q, reply, visibleSupervisionOwner);
  }

  @Get('attachment-policy')
  @ApiOperation({ summary: "The hotline's attachment limits for answers and 督办 replies (default: 10 MiB a file, 20 an order, every type)" })
  @Roles(...WORK_ORDER_READERS)
  policy(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => loadAttachmentPolicy(m));
  }

  @Put('attachment-policy')
  @ApiZodBody(PutAttachmentPolicyBody)
  @Roles('tenant-admin')
  putPolicy(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(PutAttachmentPolicyBody, requireJsonBody(body));
    return this.db.run(who.tenantId, (m) => saveAttachmentPolicy(m, who, input));
  }
}
