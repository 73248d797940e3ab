import { CsvError, formatCsv, parseCsv, parseCsvTable } from '../src/csv';

describe('parseCsv', () => {
  it('reads plain, quoted and empty fields', () => {
    expect(parseCsv('a,b,c\n1,,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
    expect(parseCsv('"x, y","say ""hi""",z')).toEqual([['x, y', 'say "hi"', 'z']]);
  });

  it('keeps newlines inside quoted fields and accepts CRLF record ends', () => {
    expect(parseCsv('id,body\r\n1,"line one\r\nline two"\r\n2,"a\nb"\r\n')).toEqual([
      ['id', 'body'],
      ['1', 'line one\r\nline two'],
      ['2', 'a\nb'],
    ]);
  });

  it('ignores a byte order mark and accepts a missing final newline', () => {
    expect(parseCsv('\ufeffa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps a trailing empty field', () => {
    expect(parseCsv('a,b\n1,\n')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('rejects an unterminated quote with its line', () => {
    expect(() => parseCsv('a,b\n1,"open\nstill open')).toThrow(new CsvError('unterminated quoted field', 2));
  });

  it('rejects a quote inside an unquoted field and text after a closing quote', () => {
    expect(() => parseCsv('a,b\nab"c,d')).toThrow(/line 2: quote inside an unquoted field/);
    expect(() => parseCsv('a,b\n"x"y,d')).toThrow(/line 2: unexpected character after a closing quote/);
  });
});

describe('parseCsvTable', () => {
  it('splits header and rows and skips blank lines', () => {
    expect(parseCsvTable('title,body\n\nt,b\n')).toEqual({ header: ['title', 'body'], rows: [['t', 'b']] });
  });

  it('rejects a record with the wrong number of fields, naming its line', () => {
    expect(() => parseCsvTable('a,b\n1,"x\ny"\n3\n')).toThrow(/line 4: record 2 has 1 fields, the header has 2/);
  });
});

describe('formatCsv', () => {
  it('quotes only when needed and round-trips', () => {
    const records = [
      ['row', 'label', 'top3'],
      ['1', '城乡建设', 'a|b|c'],
      ['2', 'with "quote", comma', 'multi\nline'],
    ];
    const text = formatCsv(records);
    expect(text.startsWith('row,label,top3\r\n1,城乡建设,a|b|c\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(records);
  });
});
