import { PLATFORM_MIGRATIONS } from '@hotline/platform';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { SamplingPolicyEntity } from '../policies/sampling-policy.entity';
import { ReviewEntity } from '../reviews/review.entity';
import { RequestProgressEntity } from '../revisits/request-progress.entity';
import { RevisitEntity } from '../revisits/revisit.entity';
import { SamplingPolicies1764300000400 } from './1764300000400-sampling-policies.migration';
import { ReviewRevisitArchive1764300000410 } from './1764300000410-review-revisit-archive.migration';
import { SamplingPolicyCodes1764300001400 } from './1764300001400-sampling-policy-codes.migration';
import { CaseFile1764300001410 } from './1764300001410-case-file.migration';
import { ArchiveAppendOnly1764300001420 } from './1764300001420-archive-append-only.migration';
import { MaskedCaseFile1764300003200 } from './1764300003200-masked-case-file.migration';
import { ArchiveResealed1764300003210 } from './1764300003210-archive-resealed.migration';
import { RevisitRules1764300004300 } from './1764300004300-revisit-rules.migration';
import { AssistInputs1764300004310 } from './1764300004310-assist-inputs.migration';
import { TerminationsAndFollowUps1764300005100 } from './1764300005100-terminations-and-follow-ups.migration';
import { ArchiveRetention1764300005300 } from './1764300005300-archive-retention.migration';
import { SamplingByChannel1764300005400 } from './1764300005400-sampling-by-channel.migration';
import { HotlineChecks1764300005410 } from './1764300005410-hotline-checks.migration';

// The case-file tables (case_requests, case_dispatches, case_work_orders) are read and written
// with SQL by case-file/case-file.repository.ts and have no entities; so is revisit_attempts
// (revisits/attempts.repository.ts), and channel_kinds (policies/channel-kinds.repository.ts),
// case_terminations (closure/terminations.repository.ts), follow_ups and follow_up_history
// (follow-ups/follow-ups.repository.ts).
export const entities = [SamplingPolicyEntity, ReviewEntity, RequestProgressEntity, RevisitEntity, ArchiveRecordEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [
  ...PLATFORM_MIGRATIONS,
  SamplingPolicies1764300000400,
  ReviewRevisitArchive1764300000410,
  SamplingPolicyCodes1764300001400,
  CaseFile1764300001410,
  ArchiveAppendOnly1764300001420,
  MaskedCaseFile1764300003200,
  ArchiveResealed1764300003210,
  RevisitRules1764300004300,
  AssistInputs1764300004310,
  TerminationsAndFollowUps1764300005100,
  ArchiveRetention1764300005300,
  SamplingByChannel1764300005400,
  HotlineChecks1764300005410,
];
