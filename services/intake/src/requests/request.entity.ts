import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RequestStatus, ScopeDecision } from '@hotline/vocabulary';

/**
 * A request (诉求). Requester identity only as AES-256-GCM blobs (see PiiCipher in libs/platform/src/privacy), and
 * none at all when the requester is anonymous.
 */
@Entity({ name: 'requests' })
export class RequestEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'access_code_hash', type: 'text' })
  accessCodeHash!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ name: 'request_type', type: 'text' })
  requestType!: string;

  @Column({ type: 'text' })
  urgency!: string;

  @Column({ name: 'category_code', type: 'text', nullable: true })
  categoryCode!: string | null;

  /** The taxonomy version the category belongs to; set exactly when category_code is. */
  @Column({ name: 'taxonomy_version', type: 'int', nullable: true })
  taxonomyVersion!: number | null;

  @Column({ name: 'area_code', type: 'text' })
  areaCode!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'scope_decision', type: 'text' })
  scopeDecision!: ScopeDecision;

  @Column({ name: 'outcome_detail', type: 'text', nullable: true })
  outcomeDetail!: string | null;

  @Column({ type: 'text' })
  status!: RequestStatus;

  /** How many status changes intake has announced: the last RequestStatusChanged.sequence. */
  @Column({ name: 'status_version', type: 'int', default: 0 })
  statusVersion!: number;

  /** When the fact that set the current status happened. */
  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;

  @Column({ name: 'primary_unit_id', type: 'text', nullable: true })
  primaryUnitId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  anonymous!: boolean;

  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  @Column({ name: 'requester_name_enc', type: 'bytea', nullable: true })
  requesterNameEnc!: Buffer | null;

  @Column({ name: 'requester_phone_enc', type: 'bytea', nullable: true })
  requesterPhoneEnc!: Buffer | null;

  @Column({ name: 'requester_id_number_enc', type: 'bytea', nullable: true })
  requesterIdNumberEnc!: Buffer | null;

  @Column({ name: 'requester_address_enc', type: 'bytea', nullable: true })
  requesterAddressEnc!: Buffer | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;
}
