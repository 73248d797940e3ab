import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RequestStatus, ScopeDecision } from '@hotline/vocabulary';

/**
 * A request (诉求). Requester identity only as AES-256-GCM blobs (see PiiCipher in libs/platform/src/privacy), and
 * none at all when the requester is anonymous. Free text (title, content, detail at intake) in its
 * plain column masked, and in clear only encrypted beside it when it held personal data
 * (free-text.ts).
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

  /** Masked once `freeTextSealed`. */
  @Column({ type: 'text' })
  title!: string;

  /** The clear title, encrypted, when it differs from the masked one; null when there was nothing to mask. */
  @Column({ name: 'title_enc', type: 'bytea', nullable: true })
  titleEnc!: Buffer | null;

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'content_enc', type: 'bytea', nullable: true })
  contentEnc!: Buffer | null;

  /** Null while an online submission waits in the online queue for the agent's decision. */
  @Column({ name: 'scope_decision', type: 'text', nullable: true })
  scopeDecision!: ScopeDecision | null;

  /** The direct answer or the reason of a decision at intake. */
  @Column({ name: 'outcome_detail', type: 'text', nullable: true })
  outcomeDetail!: string | null;

  @Column({ name: 'outcome_detail_enc', type: 'bytea', nullable: true })
  outcomeDetailEnc!: Buffer | null;

  /**
   * The free text is masked and its clear text encrypted. False for a row the previous release
   * wrote (the column's default): shown masked as it is read, and sealed by FreeTextSealing.
   */
  @Column({ name: 'free_text_sealed', type: 'boolean', default: false })
  freeTextSealed!: boolean;

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

  /** 涉企: about an enterprise (营商环境). */
  @Column({ name: 'enterprise_related', type: 'boolean', default: false })
  enterpriseRelated!: boolean;

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

  /** Keyed hash of the normalised phone (duplicates/requester-match-keys.ts): the same requester found without decrypting. */
  @Column({ name: 'requester_key', type: 'text', nullable: true })
  requesterKey?: string | null;

  /** Keyed hash of the normalised address, likewise. */
  @Column({ name: 'address_key', type: 'text', nullable: true })
  addressKey?: string | null;

  /** The master request a repeat was merged into (并单); set exactly when the status is merged. */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto?: string | null;

  /** The terminated request a contact repeats, answered at intake as a terminated matter (诉求终结); null otherwise. */
  @Column({ name: 'terminated_matter_of', type: 'uuid', nullable: true })
  terminatedMatterOf?: string | null;

  /** The hotline (tenant code) it was transferred from (转办, ADR 0027); null when it started here. */
  @Column({ name: 'transferred_from', type: 'text', nullable: true })
  transferredFrom!: string | null;

  /** The hotline it was transferred to; set once that hotline accepted it. */
  @Column({ name: 'transferred_to', type: 'text', nullable: true })
  transferredTo!: string | null;
}
