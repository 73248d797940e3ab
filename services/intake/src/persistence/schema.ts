import { PiiColumns, PLATFORM_MIGRATIONS } from '@hotline/platform';
import { CategoryEntity } from '../categories/category.entity';
import { ChannelEntity } from '../channels/channel.entity';
import { RequestEntity } from '../requests/request.entity';
import { TimelineEntryEntity } from '../requests/timeline-entry.entity';
import { Channels1764300000100 } from './1764300000100-channels.migration';
import { Requests1764300000200 } from './1764300000200-requests.migration';
import { RequestStatusOwnership1764300001100 } from './1764300001100-request-status-ownership.migration';
import { AnonymousRequesters1764300001200 } from './1764300001200-anonymous-requesters.migration';
import { TaxonomyVersions1764300001300 } from './1764300001300-taxonomy-versions.migration';
import { CausalTimeline1764300001400 } from './1764300001400-causal-timeline.migration';
import { MaskedFreeText1764300001500 } from './1764300001500-masked-free-text.migration';
import { AccessPurposes1764300001600 } from './1764300001600-access-purposes.migration';
import { AccessCodeAttempts1764300001700 } from './1764300001700-access-code-attempts.migration';
import { Duplicates1764300004400 } from './1764300004400-duplicates.migration';
import { KnowledgeBase1764300004410 } from './1764300004410-knowledge-base.migration';
import { Linkage1764300004500 } from './1764300004500-linkage.migration';
import { LinkageTransferLists1764300004510 } from './1764300004510-linkage-transfer-lists.migration';
import { EmergencyHandoffs1764300004520 } from './1764300004520-emergency-handoffs.migration';
import { RequestTransfers1764300004530 } from './1764300004530-request-transfers.migration';
import { Attachments1764300004650 } from './1764300004650-attachments.migration';
import { RequesterContact1764300004750 } from './1764300004750-requester-contact.migration';
import { RequestTerminations1764300005000 } from './1764300005000-request-terminations.migration';
import { AnonymisedRequests1764300005340 } from './1764300005340-anonymised-requests.migration';
import { Classification1764300005500 } from './1764300005500-classification.migration';
import { CallRecords1764300005550 } from './1764300005550-call-records.migration';
import { OnlineQueue1764300005600 } from './1764300005600-online-queue.migration';
import { KnowledgeSearchTokens1764300005610 } from './1764300005610-knowledge-search-tokens.migration';
import { DataSharing1764300005800 } from './1764300005800-data-sharing.migration';
import { LinkageRiskNotices1764300006100 } from './1764300006100-linkage-risk-notices.migration';
import { SharingPush1764300006200 } from './1764300006200-sharing-push.migration';
import { AttachmentErasure1764300006600 } from './1764300006600-attachment-erasure.migration';

export const entities = [ChannelEntity, CategoryEntity, RequestEntity, TimelineEntryEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [
  ...PLATFORM_MIGRATIONS,
  Channels1764300000100,
  Requests1764300000200,
  RequestStatusOwnership1764300001100,
  AnonymousRequesters1764300001200,
  TaxonomyVersions1764300001300,
  CausalTimeline1764300001400,
  MaskedFreeText1764300001500,
  AccessPurposes1764300001600,
  AccessCodeAttempts1764300001700,
  Duplicates1764300004400,
  KnowledgeBase1764300004410,
  Linkage1764300004500,
  LinkageTransferLists1764300004510,
  EmergencyHandoffs1764300004520,
  RequestTransfers1764300004530,
  Attachments1764300004650,
  RequesterContact1764300004750,
  RequestTerminations1764300005000,
  AnonymisedRequests1764300005340,
  Classification1764300005500,
  CallRecords1764300005550,
  OnlineQueue1764300005600,
  KnowledgeSearchTokens1764300005610,
  DataSharing1764300005800,
  LinkageRiskNotices1764300006100,
  SharingPush1764300006200,
  AttachmentErasure1764300006600,
];

/** Every encrypted column, for the key rotation (`main.js pii rotate`): the requester's identity and the clear free text. */
export const PII_COLUMNS: PiiColumns[] = [
  {
    table: 'requests',
    key: 'id',
    columns: [
      'requester_name_enc',
      'requester_phone_enc',
      'requester_id_number_enc',
      'requester_address_enc',
      'title_enc',
      'content_enc',
      'outcome_detail_enc',
    ],
  },
  // The requester's phone copied into each notification to them (ADR 0029).
  { table: 'notifications', key: 'id', columns: ['recipient_address_enc'] },
  // The caller's number of each call record and callback item (issue 14, docs/calls.md).
  { table: 'call_records', key: 'id', columns: ['caller_number_enc'] },
  { table: 'callbacks', key: 'id', columns: ['caller_number_enc'] },
  // A push feed's signing secret, and each pushed batch's body until it is over (ADR 0035 addendum).
  { table: 'sharing_push_subscriptions', key: 'agreement_id', columns: ['secret_enc'] },
  { table: 'sharing_push_deliveries', key: 'id', columns: ['body_enc'] },
];
