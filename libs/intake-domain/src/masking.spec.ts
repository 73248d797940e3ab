import { maskAddress, maskIdNumber, maskName, maskPhone } from './masking';

describe('masking', () => {
  it('keeps the first character of a name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('王')).toBe('王');
    expect(maskName('𠀋先生')).toBe('𠀋**');
    expect(maskName('')).toBe('');
  });

  it('keeps the first 3 and last 4 digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('025-84412345')).toBe('025****2345');
    expect(maskPhone('12345')).toBe('1****');
  });

  it('keeps the first 6 and last 4 characters of an id number', () => {
    expect(maskIdNumber('32010219900101123X')).toBe('320102********123X');
    expect(maskIdNumber('123456')).toBe('1*****');
  });

  it('keeps the first 6 characters of an address', () => {
    expect(maskAddress('南京市玄武区中山路1号')).toBe('南京市玄武区…');
    expect(maskAddress('南京')).toBe('南京…');
    expect(maskAddress(' ')).toBe('');
  });
});
