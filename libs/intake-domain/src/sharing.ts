// 数据共享 (分类分级, domain.md §13.1, §14): what a sharing agreement may name, and what one
// request becomes when released under it — only the agreed fields, each masked as agreed.
// Pure rules; intake's sharing module applies them (docs/data-sharing.md).
import {
  areaLevel,
  canonicalArea,
  DataGrade,
  isWithinArea,
  isWithinGrade,
  RequestType,
  Role,
  SHARING_FIELD_CATALOGUE,
  SharingField,
  SharingMasking,
} from '@hotline/vocabulary';
import { maskAddress, maskIdNumber, maskName, maskPhone } from './masking';
import type { Requester } from './requester';

/** Who proposes agreements and revokes them: the tenant's administrators. */
export const SHARING_PROPOSERS: readonly Role[] = ['tenant-admin'];
/** Who approves or refuses a proposed agreement, never its proposer (two-person rule). */
export const SHARING_APPROVERS: readonly Role[] = ['tenant-admin', 'supervisor'];
/** Who reads the release log (谁管理谁负责: the hotline answers for what it released). */
export const SHARING_AUDITORS: readonly Role[] = ['tenant-admin', 'supervisor'];

export interface FieldRule {
  field: SharingField;
  masking: SharingMasking;
}

/** What an agreement says about fields and grades (the rest is scope and validity). */
export interface AgreementTerms {
  maxGrade: DataGrade;
  fields: readonly FieldRule[];
  /** Core fields are shared only when the agreement says so in so many words. */
  includesCore?: boolean;
  /** Why the department needs personal information (个人信息保护法: a stated, specific purpose). */
  personalDataPurpose?: string;
  validFrom: Date;
  validUntil: Date;
}

export interface AgreementIssue {
  field: string;
  message: string;
}

/**
 * Whatever makes an agreement unsound, each naming the field to fix: a field twice; a masking
 * the field does not take; a field above the agreement's max grade; personal information with
 * no stated purpose; a core field without the explicit flag; nothing released at all; a
 * validity that ends before it starts. A dropped field is released nowhere, so only its masking
 * is checked.
 */
export function agreementIssues(terms: AgreementTerms): AgreementIssue[] {
  const issues: AgreementIssue[] = [];
  const seen = new Set<SharingField>();
  terms.fields.forEach(({ field, masking }, i) => {
    const spec = SHARING_FIELD_CATALOGUE[field];
    if (seen.has(field)) issues.push({ field: `fields.${i}.field`, message: `${field} is named twice` });
    seen.add(field);
    if (!spec.maskings.includes(masking))
      issues.push({ field: `fields.${i}.masking`, message: `${field} is released with one of: ${spec.maskings.join(', ')}` });
    if (masking === 'drop') return;
    if (!isWithinGrade(spec.grade, terms.maxGrade))
      issues.push({ field: `fields.${i}.field`, message: `${field} is graded ${spec.grade}, above the agreement's max grade ${terms.maxGrade}` });
  });
  const released = terms.fields.filter((r) => r.masking !== 'drop');
  const personal = released.filter((r) => SHARING_FIELD_CATALOGUE[r.field].personal).map((r) => r.field);
  if (personal.length > 0 && !terms.personalDataPurpose?.trim())
    issues.push({ field: 'personalDataPurpose', message: `states why the department needs personal information (${personal.join(', ')})` });
  const core = released.filter((r) => SHARING_FIELD_CATALOGUE[r.field].grade === 'core').map((r) => r.field);
  if (core.length > 0 && terms.includesCore !== true)
    issues.push({ field: 'includesCore', message: `must be true to share core fields (${core.join(', ')})` });
  if (released.length === 0) issues.push({ field: 'fields', message: 'releases at least one field' });
  if (terms.validUntil.getTime() <= terms.validFrom.getTime()) issues.push({ field: 'validUntil', message: 'must be after validFrom' });
  return issues;
}

/** Why an agreement cannot release now; undefined when it can. */
export function releaseRefusal(a: { state: string; validFrom: Date; validUntil: Date }, now: Date): string | undefined {
  if (a.state !== 'active') return `the agreement is ${a.state}`;
  if (now.getTime() < a.validFrom.getTime()) return `the agreement is valid from ${a.validFrom.toISOString()}`;
  if (now.getTime() >= a.validUntil.getTime()) return `the agreement expired at ${a.validUntil.toISOString()}`;
  return undefined;
}

/** What an agreement covers: categories (each with everything below it), areas (likewise), request types, the time received. */
export interface AgreementScope {
  categoryPrefixes: readonly string[];
  areaCodes: readonly string[];
  requestTypes: readonly RequestType[];
  validFrom: Date;
  validUntil: Date;
}

/** Whether a request lies within an agreement's scope (the repository's query says the same in SQL). */
export function isCovered(
  scope: AgreementScope,
  r: { categoryCode: string | null; areaCode: string; requestType: string; receivedAt: Date },
): boolean {
  const t = r.receivedAt.getTime();
  const category = r.categoryCode;
  return (
    t >= scope.validFrom.getTime() &&
    t < scope.validUntil.getTime() &&
    (scope.requestTypes as readonly string[]).includes(r.requestType) &&
    category !== null &&
    scope.categoryPrefixes.some((p) => category.startsWith(p)) &&
    scope.areaCodes.some((a) => isWithinArea(r.areaCode, a))
  );
}

/** An area made coarser: to its city (4 digits) when it lies below one; a province or a tenant's own code as it is. */
export function coarsenArea(code: string): string {
  const c = canonicalArea(code);
  const level = areaLevel(c);
  return level === undefined || level === 'province' || level === 'city' ? c : c.slice(0, 4);
}

/** An instant made coarser: its day (YYYY-MM-DD) in the hotline's time zone. */
export function coarsenInstant(at: Date, timeZone: string): string {
  // en-CA formats a date as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A request as sharing reads it: free text already in its masked form, the unit by its code. */
export interface ShareableRequest {
  number: string;
  receivedAt: Date;
  channel: string;
  requestType: string;
  urgency: string;
  categoryCode: string | null;
  areaCode: string;
  status: string;
  title: string;
  content: string;
  answer: string | null;
  unitCode: string | null;
  anonymous: boolean;
  /** 保密: no identity leaves, whatever the agreement says. */
  confidential: boolean;
}

/** Whether releasing under these rules needs the requester's identity opened (in memory, to mask it or give it). */
export function needsIdentity(rules: readonly FieldRule[]): boolean {
  return rules.some((r) => r.masking !== 'drop' && SHARING_FIELD_CATALOGUE[r.field].personal);
}

export type ReleasedValue = string | null;

export interface ReleasedRecord {
  /** The agreed fields, by name, each masked as agreed; dropped fields absent. */
  fields: Partial<Record<SharingField, ReleasedValue>>;
  /** The personal fields given in clear with a value: what the access log records. */
  disclosed: SharingField[];
}

const IDENTITY_MASKS: Record<'name' | 'phone' | 'idNumber' | 'address', (v: string) => string> = {
  name: maskName,
  phone: maskPhone,
  idNumber: maskIdNumber,
  address: maskAddress,
};

/** The value of a field before masking; `undefined` identity (confidential, anonymous, not opened) gives null. */
function rawValue(field: SharingField, r: ShareableRequest, identity: Requester | undefined): ReleasedValue {
  switch (field) {
    case 'number':
      return r.number;
    case 'receivedAt':
      return r.receivedAt.toISOString();
    case 'channel':
      return r.channel;
    case 'requestType':
      return r.requestType;
    case 'urgency':
      return r.urgency;
    case 'categoryCode':
      return r.categoryCode;
    case 'areaCode':
      return r.areaCode;
    case 'status':
      return r.status;
    case 'title':
      return r.title;
    case 'content':
      return r.content;
    case 'answer':
      return r.answer;
    case 'unit':
      return r.unitCode;
    default: {
      if (!identity || identity.anonymous || r.confidential || r.anonymous) return null;
      const key = field.slice('requester.'.length) as keyof typeof IDENTITY_MASKS;
      return identity[key] ?? null;
    }
  }
}

/**
 * One request as an agreement releases it. Free text is already masked when it comes here
 * (`mask` keeps it so); an identity field is masked with intake's masks, or given in clear for
 * `none` (and then listed in `disclosed`). A confidential (保密) or anonymous request gives no
 * identity at all.
 */
export function releaseRecord(r: ShareableRequest, identity: Requester | undefined, rules: readonly FieldRule[], timeZone: string): ReleasedRecord {
  const fields: Partial<Record<SharingField, ReleasedValue>> = {};
  const disclosed: SharingField[] = [];
  for (const { field, masking } of rules) {
    if (masking === 'drop') continue;
    const value = rawValue(field, r, identity);
    const personal = SHARING_FIELD_CATALOGUE[field].personal;
    if (value === null) fields[field] = null;
    else if (masking === 'coarsen') fields[field] = field === 'receivedAt' ? coarsenInstant(r.receivedAt, timeZone) : coarsenArea(value);
    else if (masking === 'mask' && personal) fields[field] = IDENTITY_MASKS[field.slice('requester.'.length) as keyof typeof IDENTITY_MASKS](value);
    else fields[field] = value;
    if (personal && masking === 'none' && value !== null && value !== '') disclosed.push(field);
  }
  return { fields, disclosed };
}
