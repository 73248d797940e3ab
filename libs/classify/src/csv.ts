// A small RFC 4180 CSV reader and writer: comma separator, double-quote quoting with "" as an
// escaped quote, fields may contain commas, quotes and newlines; CRLF or LF record ends.

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`malformed CSV at line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** Parses CSV text into records. A leading UTF-8 BOM is ignored; a final record end is optional. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false; // distinguishes an empty last field from no field at all
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      if (field !== '') throw new CsvError('quote inside an unquoted field', line);
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvError('unterminated quoted field', quoteLine);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvError('unexpected character after a closing quote', line);
      }
      fieldStarted = true;
      continue;
    }
    if (ch === ',') {
      endField();
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (fieldStarted || field !== '' || record.length > 0) endRecord();
  return records;
}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Parses CSV with a header row and checks that every record has the header's field count. */
export function parseCsvTable(text: string): CsvTable {
  const records = parseCsv(text);
  // Blank lines (a single empty field) carry no record; they are skipped.
  const nonBlank = records
    .map((fields, index) => ({ fields, line: index + 1 }))
    .filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
  if (nonBlank.length === 0) return { header: [], rows: [] };
  const header = nonBlank[0].fields.map((h) => h.trim());
  const rows: string[][] = [];
  for (const { fields } of nonBlank.slice(1)) {
    if (fields.length !== header.length) {
      throw new CsvError(
        `record ${rows.length + 1} has ${fields.length} fields, the header has ${header.length}`,
        lineOfRecord(records, fields),
      );
    }
    rows.push(fields);
  }
  return { header, rows };
}

function lineOfRecord(records: string[][], target: string[]): number {
  let line = 1;
  for (const fields of records) {
    if (fields === target) return line;
    for (const f of fields) line += f.split('\n').length - 1;
    line++;
  }
  return line;
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats records as CSV with CRLF record ends (RFC 4180). */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => r.map(quoteField).join(',')).join('\r\n') + '\r\n';
}
