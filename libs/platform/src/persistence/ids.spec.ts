import { isUuid, uuidv7 } from './ids';

describe('uuidv7', () => {
  it('is a version-7, variant-1 UUID carrying its millisecond timestamp', () => {
    const id = uuidv7(0x0189_abcd_ef01);
    expect(id).toMatch(/^0189abcd-ef01-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time', () => {
    const ids = [1, 2, 3].map((ms) => uuidv7(1_700_000_000_000 + ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7())).size).toBe(1000);
  });
});

describe('isUuid', () => {
  it('takes any UUID in either case and nothing else', () => {
    expect(isUuid(uuidv7())).toBe(true);
    expect(isUuid('00000000-0000-4000-8000-000000000000'.toUpperCase())).toBe(true);
    for (const bad of ['', 'not-a-uuid', '00000000-0000-4000-8000-00000000000', '00000000-0000-4000-8000-0000000000000', "x' or 1=1 --"])
      expect(isUuid(bad)).toBe(false);
  });
});
