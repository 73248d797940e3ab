import { z } from 'zod';
import { distinctAreas } from '@hotline/dispatch-domain';
import { AREA_CODE_PATTERN, AREA_CODE_RULE, DEFAULT_UNIT_LEVEL, UNIT_LEVELS } from '@hotline/vocabulary';

/** An administrative division code (province 2, city 4, district 6, street 9, community 12 digits). */
export const AreaCode = z.string().regex(AREA_CODE_PATTERN, AREA_CODE_RULE);

/** A unit's code: unit staff tokens carry it in their `unit` claim. */
export const UnitCode = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/, 'letters, digits and dashes, at most 40');

export const RegisterUnitBody = z
  .object({
    /** Unit staff tokens carry it in their `unit` claim. */
    code: UnitCode,
    name: z.string().trim().min(1).max(100),
    parentId: z.string().uuid().nullish(),
    areaCodes: z.array(AreaCode).min(1).max(50).transform(distinctAreas),
    /** city, district, department (the default) or street (街道/乡镇: territorial duties only). */
    level: z.enum(UNIT_LEVELS).default(DEFAULT_UNIT_LEVEL),
  })
  .strict();
export type RegisterUnit = z.infer<typeof RegisterUnitBody>;

/**
 * `PATCH /v1/units/{id}`: rename, change the areas of jurisdiction, move under another parent
 * (null: make it a root), deactivate (`active: false`: no new work, its open orders go on) or
 * reactivate it. The code stays (staff tokens carry it), so does the level.
 */
export const UpdateUnitBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    areaCodes: z.array(AreaCode).min(1).max(50).transform(distinctAreas).optional(),
    parentId: z.string().uuid().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateUnit = z.infer<typeof UpdateUnitBody>;

export const UnitIdParams = z.object({ id: z.string().uuid() }).strict();

/** `GET /v1/units?area=X`: the units whose jurisdiction covers X. */
export const ListUnitsQuery = z.object({ area: AreaCode.optional() }).strict();

/** gRPC ListUnits: an empty area lists every unit. */
export const ListUnitsRequest = z.object({ areaCode: AreaCode.or(z.literal('')) });
