import { EntityManager } from 'typeorm';
import { CsvError, parseCsvTable } from '@hotline/classify';
import { MAX_IMPORT_ROWS } from '@hotline/intake-domain';
import { Identity, ProblemError } from '@hotline/platform';
import { KB_MATERIAL_KIND_LABELS, KB_MATERIAL_KINDS } from '@hotline/vocabulary';
import { ArticleBody, ImportInput } from './knowledge.schemas';
import { createArticle } from './write-article.command';

/** The CSV header names of an import: the article's fields. */
const CSV_FIELDS = ['category', 'title', 'content', 'issuingUnit', 'materialKind', 'sourceDocument', 'keywords', 'validFrom', 'validUntil'];

/** 材料性质 as a Chinese label (办事指南) or its code. */
function materialKindOf(value: string): string {
  return KB_MATERIAL_KINDS.find((k) => KB_MATERIAL_KIND_LABELS[k].zh === value) ?? value;
}

/** A CSV record as the article body: empty cells absent, keywords split on commas (Xinyang's format: comma-separated). */
function csvArticle(header: string[], fields: string[]): Record<string, unknown> {
  const article: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const value = (fields[i] ?? '').trim();
    if (value === '') return;
    if (name === 'keywords') article.keywords = value.split(/[,，、]/).map((k) => k.trim()).filter(Boolean);
    else if (name === 'materialKind') article.materialKind = materialKindOf(value);
    else article[name] = value;
  });
  return article;
}

function rowsOf(input: ImportInput): unknown[] {
  if (input.format === 'json') return input.articles;
  let table;
  try {
    table = parseCsvTable(input.csv);
  } catch (err) {
    if (err instanceof CsvError) throw ProblemError.validation([{ field: 'csv', message: err.message }]);
    throw err;
  }
  const unknown = table.header.filter((h) => !CSV_FIELDS.includes(h));
  if (unknown.length > 0 || !table.header.includes('title'))
    throw ProblemError.validation([{ field: 'csv', message: `header must name fields among ${CSV_FIELDS.join(', ')} (unknown: ${unknown.join(', ') || 'none'})` }]);
  if (table.rows.length === 0) throw ProblemError.validation([{ field: 'csv', message: 'no rows' }]);
  if (table.rows.length > MAX_IMPORT_ROWS) throw ProblemError.validation([{ field: 'csv', message: `at most ${MAX_IMPORT_ROWS} rows` }]);
  return table.rows.map((fields) => csvArticle(table.header, fields));
}

/**
 * An import of up to 1,000 articles: each good row becomes an article in review (as one written
 * by the importer), each bad one is reported with its row number (1 = the first after the
 * header) and the fields at fault; one bad row does not stop the others. Titles repeated inside
 * one import are bad rows too.
 */
export async function importArticles(manager: EntityManager, who: Identity, input: ImportInput, now: Date = new Date()) {
  const rows = rowsOf(input);
  const created: Array<{ row: number; articleId: string }> = [];
  const errors: Array<{ row: number; errors: Array<{ field: string; message: string }> }> = [];
  const titles = new Set<string>();
  for (const [index, raw] of rows.entries()) {
    const row = index + 1;
    const parsed = ArticleBody.safeParse(raw);
    if (!parsed.success) {
      errors.push({ row, errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'row', message: i.message })) });
      continue;
    }
    if (titles.has(parsed.data.title)) {
      errors.push({ row, errors: [{ field: 'title', message: 'repeats the title of an earlier row' }] });
      continue;
    }
    titles.add(parsed.data.title);
    const { articleId } = await createArticle(manager, who, parsed.data, now);
    created.push({ row, articleId });
  }
  return { rows: rows.length, imported: created.length, failed: errors.length, created, errors };
}
