// The dispatch catalog as CSV, for import and export in the admin page:
//   category_code,area_code,primary_unit,assisting_units
//   0306,*,housing,district
// Units are named by their codes (assisting ones separated by "|"); the page maps them to the
// ids the dispatch service stores. RFC 4180 quoting is read and written.
export const CATALOG_CSV_HEADER = ['category_code', 'area_code', 'primary_unit', 'assisting_units'] as const;

export interface CatalogCsvRow {
  line: number;
  categoryCode: string;
  areaCode: string;
  primaryUnit: string;
  assistingUnits: string[];
}

export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** The rows of a catalog CSV, or the problems found (line numbers count the header as 1). */
export function parseCatalogCsv(text: string): { rows: CatalogCsvRow[]; problems: string[] } {
  const [header, ...body] = parseCsvRows(text.replace(/^\uFEFF/, ''));
  const problems: string[] = [];
  const columns = (header ?? []).map((h) => h.trim());
  const missing = CATALOG_CSV_HEADER.filter((h, i) => h !== 'assisting_units' && columns[i] !== h);
  if (missing.length) return { rows: [], problems: [`header must be ${CATALOG_CSV_HEADER.join(',')}`] };
  const rows = body.map((r, i) => ({
    line: i + 2,
    categoryCode: (r[0] ?? '').trim(),
    areaCode: (r[1] ?? '').trim(),
    primaryUnit: (r[2] ?? '').trim(),
    assistingUnits: (r[3] ?? '').split('|').map((u) => u.trim()).filter(Boolean),
  }));
  for (const r of rows) if (!r.categoryCode || !r.areaCode || !r.primaryUnit) problems.push(`line ${r.line}: category_code, area_code and primary_unit are required`);
  return { rows, problems };
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function catalogCsv(rows: Omit<CatalogCsvRow, 'line'>[]): string {
  return [CATALOG_CSV_HEADER.join(','), ...rows.map((r) => [r.categoryCode, r.areaCode, r.primaryUnit, r.assistingUnits.join('|')].map(quote).join(','))].join('\n') + '\n';
}
