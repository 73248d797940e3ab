// Who asked (诉求人). Real names are encouraged, anonymity is respected (Guangzhou 2018 细则
// 第七条, domain.md §4.3, §14): an anonymous requester gives no identity at all, and a named one
// gives at least a name and a phone so the hotline can reach them. A named requester may ask
// for confidentiality (保密); for an anonymous one there is nothing to keep confidential.

export type Requester =
  | { anonymous: true }
  | { anonymous: false; name: string; phone: string; idNumber?: string; address?: string; confidential: boolean };

/** A requester as entered, before the anonymity rule is applied. */
export interface RequesterInput {
  anonymous?: boolean;
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
  confidential?: boolean;
}

const IDENTITY_FIELDS = ['name', 'phone', 'idNumber', 'address'] as const;

export interface RequesterIssue {
  field: (typeof IDENTITY_FIELDS)[number];
  message: string;
}

/** What breaks the rule: identity given for an anonymous requester, or name or phone missing. */
export function requesterIssues(input: RequesterInput): RequesterIssue[] {
  if (input.anonymous === true)
    return IDENTITY_FIELDS.filter((field) => input[field] !== undefined).map((field) => ({
      field,
      message: 'an anonymous requester gives no identity',
    }));
  return (['name', 'phone'] as const)
    .filter((field) => !input[field])
    .map((field) => ({ field, message: 'required unless the requester is anonymous' }));
}

/**
 * The requester of an input that has no issues; `confidentialDefault` when the input does not
 * say (the tenant's 保密 default for the request's type, IntakePolicy.confidentialTypes).
 */
export function toRequester(input: RequesterInput, confidentialDefault = false): Requester {
  if (input.anonymous === true) return { anonymous: true };
  return {
    anonymous: false,
    name: input.name ?? '',
    phone: input.phone ?? '',
    ...(input.idNumber === undefined ? {} : { idNumber: input.idNumber }),
    ...(input.address === undefined ? {} : { address: input.address }),
    confidential: input.confidential ?? confidentialDefault,
  };
}
