import { CsvTable, parseCsvTable } from './csv';
import { Example } from './classifier';

/** A problem with the input data that the user can fix (missing column, empty file, ...). */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

/** Parses CSV text that must have a header row and at least one record. */
export function tableFromCsv(text: string, source: string): CsvTable {
  if (text.trim() === '') throw new DataError(`${source} is empty`);
  const table = parseCsvTable(text);
  if (table.rows.length === 0) throw new DataError(`${source} has a header but no data rows`);
  return table;
}

export function columnIndex(table: CsvTable, column: string, source: string): number {
  const index = table.header.indexOf(column);
  if (index < 0) {
    throw new DataError(`${source} has no column "${column}" (columns: ${table.header.join(', ')})`);
  }
  return index;
}

/** Each row's text fields, in the order of `textColumns`. */
export function documentsOf(table: CsvTable, textColumns: readonly string[], source: string): string[][] {
  const indices = textColumns.map((c) => columnIndex(table, c, source));
  return table.rows.map((row) => indices.map((i) => row[i]));
}

export function examplesOf(table: CsvTable, textColumns: readonly string[], labelColumn: string, source: string): Example[] {
  const documents = documentsOf(table, textColumns, source);
  const labelAt = columnIndex(table, labelColumn, source);
  return table.rows.map((row, r) => {
    const label = row[labelAt].trim();
    if (label === '') throw new DataError(`${source} row ${r + 1} has an empty "${labelColumn}"`);
    return { fields: documents[r], label };
  });
}
