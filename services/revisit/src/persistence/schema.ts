import { PlatformSchema1764300000000 } from '@hotline/platform';
import { ArchiveRecordEntity } from '../archive/archive-record.entity';
import { SamplingPolicyEntity } from '../policies/sampling-policy.entity';
import { ReviewEntity } from '../reviews/review.entity';
import { RequestProgressEntity } from '../revisits/request-progress.entity';
import { RevisitEntity } from '../revisits/revisit.entity';
import { SamplingPolicies1764300000400 } from './1764300000400-sampling-policies.migration';
import { ReviewRevisitArchive1764300000410 } from './1764300000410-review-revisit-archive.migration';

export const entities = [SamplingPolicyEntity, ReviewEntity, RequestProgressEntity, RevisitEntity, ArchiveRecordEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [PlatformSchema1764300000000, SamplingPolicies1764300000400, ReviewRevisitArchive1764300000410];
