import { PlatformSchema1764300000000 } from '@hotline/platform';
import { SamplingPolicyEntity } from '../policies/sampling-policy.entity';
import { SamplingPolicies1764300000400 } from './1764300000400-sampling-policies.migration';

export const entities = [SamplingPolicyEntity];
/** In order of application; never reorder or edit an applied one, add a new one. */
export const migrations = [PlatformSchema1764300000000, SamplingPolicies1764300000400];
