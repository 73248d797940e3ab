import {
  areaAndAncestors,
  areaLevel,
  canonicalArea,
  DATA_GRADE_LABELS,
  DATA_GRADES,
  DEFAULT_COUNTING,
  HOTLINE_WIDE_ROLES,
  isAreaCode,
  isCategoryCode,
  isClosedStatus,
  isTenantCode,
  isWithinArea,
  NOTIFICATION_CHANNEL_LABELS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_CHANNELS_OF,
  NOTIFICATION_RECIPIENT_KIND_LABELS,
  NOTIFICATION_RECIPIENT_KINDS,
  NOTIFICATION_STATUS_LABELS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TEMPLATE_LABELS,
  NOTIFICATION_TEMPLATE_PARAMS,
  NOTIFICATION_TEMPLATE_RECIPIENT,
  NOTIFICATION_TEMPLATES,
  PII_ACCESS_PURPOSE_LABELS,
  PII_ACCESS_PURPOSES,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  ROLE_LABELS,
  ROLES,
  SHARING_FIELD_CATALOGUE,
  SHARING_FIELDS,
  SHARING_MASKING_LABELS,
  SHARING_MASKINGS,
  isWithinGrade,
  statusRank,
  toAssignmentRole,
  toRequestType,
  toUrgency,
  UNIT_ROLES,
} from './index';

describe('vocabulary', () => {
  it('labels every code of its lists, in zh and en', () => {
    expect(Object.keys(REQUEST_TYPE_LABELS)).toEqual([...REQUEST_TYPES]);
    expect(Object.keys(REQUEST_STATUS_LABELS)).toEqual([...REQUEST_STATUSES]);
    expect(Object.keys(PII_ACCESS_PURPOSE_LABELS)).toEqual([...PII_ACCESS_PURPOSES]);
    for (const label of [...Object.values(REQUEST_STATUS_LABELS), ...Object.values(PII_ACCESS_PURPOSE_LABELS)]) expect(label.zh && label.en).toBeTruthy();
  });

  it('orders statuses along the lifecycle; closed, not-accepted, merged, transferred and archived are closed', () => {
    const ranks = REQUEST_STATUSES.map(statusRank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(REQUEST_STATUSES.filter(isClosedStatus)).toEqual(['closed', 'not-accepted', 'merged', 'transferred', 'terminated', 'archived']);
    expect(statusRank('closed')).toBe(statusRank('not-accepted'));
  });

  it('maps unknown upstream codes to safe defaults', () => {
    expect(toRequestType('petition')).toBe('other');
    expect(toRequestType('complaint')).toBe('complaint');
    expect(toUrgency('')).toBe('normal');
    expect(toAssignmentRole('lead')).toBe('assisting');
  });

  it('labels every notification code, and gives every template its recipient, channels and parameters', () => {
    expect(Object.keys(NOTIFICATION_TEMPLATE_LABELS)).toEqual([...NOTIFICATION_TEMPLATES]);
    expect(Object.keys(NOTIFICATION_RECIPIENT_KIND_LABELS)).toEqual([...NOTIFICATION_RECIPIENT_KINDS]);
    expect(Object.keys(NOTIFICATION_CHANNEL_LABELS)).toEqual([...NOTIFICATION_CHANNELS]);
    expect(Object.keys(NOTIFICATION_STATUS_LABELS)).toEqual([...NOTIFICATION_STATUSES]);
    for (const template of NOTIFICATION_TEMPLATES) {
      expect(NOTIFICATION_TEMPLATE_PARAMS[template].length).toBeGreaterThan(0);
      expect(NOTIFICATION_CHANNELS_OF[NOTIFICATION_TEMPLATE_RECIPIENT[template]].length).toBeGreaterThan(0);
    }
    // A requester is never reached through a unit's inbox, nor a unit by SMS to a person.
    expect(NOTIFICATION_CHANNELS_OF.requester).not.toContain('unit-inbox');
    expect(NOTIFICATION_CHANNELS_OF.unit).toEqual(['unit-inbox']);
  });

  it('has one default counting: 自次日起', () => {
    expect(DEFAULT_COUNTING).toBe('from-next-day');
  });

  it('accepts tenant codes that are subject tokens and nothing else', () => {
    for (const good of ['city-3201', 'province-32', 'a1']) expect(isTenantCode(good)).toBe(true);
    for (const bad of ['', 'City', 'city.1', 'city*', 'a b', 'a>', '-a', 'a--b', 'a'.repeat(64)]) expect(isTenantCode(bad)).toBe(false);
  });

  it('accepts category codes of any taxonomy shape', () => {
    for (const good of ['03', '030603', 'A1.02', 'x_y-z']) expect(isCategoryCode(good)).toBe(true);
    for (const bad of ['', '.a', 'a b', 'a'.repeat(41)]) expect(isCategoryCode(bad)).toBe(false);
  });

  it('walks the administrative-division hierarchy community → street → district → city → province', () => {
    expect(areaAndAncestors('320102001001')).toEqual(['320102001001', '320102001', '320102', '3201', '32']);
    expect(areaAndAncestors('320102')).toEqual(['320102', '3201', '32']);
    expect(canonicalArea('320100')).toBe('3201');
    expect(canonicalArea('320000')).toBe('32');
    expect(canonicalArea('320102001000')).toBe('320102001');
    expect(areaLevel('320102001')).toBe('township');
    expect(areaLevel('320100')).toBe('city');
    expect(isWithinArea('320102001001', '320102')).toBe(true);
    expect(isWithinArea('320102001001', '320100')).toBe(true);
    expect(isWithinArea('320104', '320102')).toBe(false);
    for (const bad of ['3', '32010', '3201020', 'abc', '3201020010011']) expect(isAreaCode(bad)).toBe(false);
  });

  it('labels every role; a data recipient is neither unit staff nor hotline-wide', () => {
    expect(Object.keys(ROLE_LABELS)).toEqual([...ROLES]);
    expect(ROLES).toContain('data-recipient');
    expect(UNIT_ROLES).not.toContain('data-recipient');
    expect(HOTLINE_WIDE_ROLES).not.toContain('data-recipient');
  });

  it('grades every shareable field, labels grades and maskings, and orders grades general → core', () => {
    expect(Object.keys(DATA_GRADE_LABELS)).toEqual([...DATA_GRADES]);
    expect(Object.keys(SHARING_MASKING_LABELS)).toEqual([...SHARING_MASKINGS]);
    expect(Object.keys(SHARING_FIELD_CATALOGUE)).toEqual([...SHARING_FIELDS]);
    for (const spec of Object.values(SHARING_FIELD_CATALOGUE)) expect(spec.maskings).toContain('drop');
    // Free text never leaves in clear; every requester field is personal information.
    for (const field of ['title', 'content', 'answer'] as const) expect(SHARING_FIELD_CATALOGUE[field].maskings).not.toContain('none');
    expect(SHARING_FIELDS.filter((f) => SHARING_FIELD_CATALOGUE[f].personal)).toEqual(['requester.name', 'requester.phone', 'requester.idNumber', 'requester.address']);
    expect(isWithinGrade('important', 'personal')).toBe(true);
    expect(isWithinGrade('core', 'personal')).toBe(false);
  });
});
