import { z } from 'zod';
import { normalizeTimeZone } from '@hotline/calendar';
import { TenantCode } from '@hotline/platform';
import { AREA_CODE_RULE, isAreaCode, TENANT_KINDS, TENANT_STATUSES } from '@hotline/vocabulary';

const TimeZone = z.string().transform((zone, ctx) => {
  try {
    return normalizeTimeZone(zone);
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an IANA time zone such as Asia/Shanghai' });
    return z.NEVER;
  }
});
const Name = z.string().trim().min(1).max(100);
const RegionCode = z.string().refine(isAreaCode, AREA_CODE_RULE);

/** A tenant the province operator registers: a city hotline, or the province itself. */
export const RegisterTenantBody = z
  .object({
    code: TenantCode,
    name: Name,
    kind: z.enum(TENANT_KINDS).default('city'),
    regionCode: RegionCode,
    timeZone: TimeZone.default('Asia/Shanghai'),
  })
  .strict();
export type RegisterTenant = z.infer<typeof RegisterTenantBody>;

/** A change of a tenant: its name, region, time zone, or status (suspend / resume). */
export const ChangeTenantBody = z
  .object({ name: Name.optional(), regionCode: RegionCode.optional(), timeZone: TimeZone.optional(), status: z.enum(TENANT_STATUSES).optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change' });
export type ChangeTenant = z.infer<typeof ChangeTenantBody>;

export const TenantCodeParams = z.object({ code: TenantCode }).strict();
