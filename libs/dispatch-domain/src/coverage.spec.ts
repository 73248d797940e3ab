import { coveringAreaCodes, distinctAreas, unitCoversArea } from './coverage';

describe('unit coverage', () => {
  it('covers an area from the area itself or any area above it, in any spelling', () => {
    expect(unitCoversArea(['320102'], '320102')).toBe(true);
    expect(unitCoversArea(['320102'], '320102001')).toBe(true);
    expect(unitCoversArea(['320102'], '320102001001')).toBe(true);
    expect(unitCoversArea(['320100'], '320102')).toBe(true);
    expect(unitCoversArea(['32'], '320102001001')).toBe(true);
    expect(unitCoversArea(['320104', '320102'], '320102')).toBe(true);
  });

  it('does not cover a sibling, nor a wider area, nor anything from a code that is not a division', () => {
    expect(unitCoversArea(['320104'], '320102')).toBe(false);
    expect(unitCoversArea(['320102001'], '320102')).toBe(false);
    expect(unitCoversArea(['440304-01'], '440304')).toBe(false);
    expect(unitCoversArea([], '320102')).toBe(false);
  });

  it('spells out every unit area code that covers an area, so a store can match them by equality', () => {
    const codes = coveringAreaCodes('320102001');
    expect(codes).toEqual([
      '320102001', '320102001000',
      '320102', '320102000', '320102000000',
      '3201', '320100', '320100000', '320100000000',
      '32', '3200', '320000', '320000000', '320000000000',
    ]);
    expect(coveringAreaCodes('320100')).toEqual(coveringAreaCodes('3201'));
    for (const unitArea of ['320102', '320100', '32', '320102001000']) expect(codes).toContain(unitArea);
    expect(codes).not.toContain('320104');
  });

  it('lists each area of a unit once, in the first spelling given', () => {
    expect(distinctAreas(['320100', '320102', '3201', '320102', '320102001'])).toEqual(['320100', '320102', '320102001']);
  });
});
