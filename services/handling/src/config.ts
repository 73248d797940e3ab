import { z } from 'zod';
import { piiConfigShape } from '@hotline/platform';

/** handling's own variables, validated together with the platform's: the keys of the free text it keeps encrypted. */
export const handlingConfigSchema = z.object(piiConfigShape);
