import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatCsv, parseCsv } from '../src/csv';
import { main } from '../src/cli';
import { syntheticExamples } from './synthetic';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-classify-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content?: string) => {
  const p = path.join(dir, name);
  if (content !== undefined) fs.writeFileSync(p, content);
  return p;
};

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function labelledCsv(count: number, seed: number): string {
  const rows = syntheticExamples(count, seed).map((e, i) => [String(i), e.fields[0], e.fields[1], e.label]);
  return formatCsv([['id', 'subject', 'content', 'category'], ...rows]);
}

describe('hotline-classify train, predict and eval', () => {
  let model: string;
  beforeAll(async () => {
    model = file('model.bin');
    const result = await run('train', '--data', file('train.csv', labelledCsv(90, 1)), '--text', 'subject,content', '--label', 'category', '--out', model, '--quiet');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/trained on 90 examples/);
  });

  it('writes row,label,top3 for every input row, in input order, without reading a label column', async () => {
    const rows = [
      ['content', 'subject'],
      ['学校老师收取学费', ''],
      ['晚上工地噪音扰民，污水直排', '噪音扰民'],
      ['', ''],
      ['地铁站附近道路拥堵', '关于道路拥堵的问题'],
    ];
    const out = file('pred.csv');
    const result = await run('predict', '--model', model, '--data', file('unlabelled.csv', formatCsv(rows)), '--out', out);
    expect(result.code).toBe(0);
    const written = parseCsv(fs.readFileSync(out, 'utf8'));
    expect(written[0]).toEqual(['row', 'label', 'top3']);
    expect(written.slice(1).map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    expect(written.slice(1).map((r) => r[1])).toEqual(['教育', '环境', expect.any(String), '交通']);
    for (const [, label, top3] of written.slice(1)) {
      const labels = top3.split('|');
      expect(labels).toHaveLength(3);
      expect(labels[0]).toBe(label);
      expect(new Set(labels).size).toBe(3);
    }
  });

  it('prints the evaluation figures', async () => {
    const result = await run('eval', '--model', model, '--data', file('test.csv', labelledCsv(30, 2)), '--quiet');
    expect(result.code).toBe(0);
    for (const heading of ['macro-F1:', 'accuracy:', 'top-3 accuracy:', 'ms per message:', 'per class:', 'confusion matrix']) {
      expect(result.stdout).toContain(heading);
    }
    expect(result.stdout).toMatch(/macro-F1:\s+1\.0000/);
  });

  it('rejects an unknown label in eval', async () => {
    const csv = labelledCsv(6, 3) + '7,看病,医院挂号难,医疗\r\n';
    const result = await run('eval', '--model', model, '--data', file('unknown.csv', csv));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/row 7: unknown label "医疗" in column "category" \(the model knows: 交通, 教育, 环境\)/);
  });
});

describe('hotline-classify errors', () => {
  it('names a missing column', async () => {
    const data = file('cols.csv', labelledCsv(9, 4));
    const result = await run('train', '--data', data, '--text', 'title,content', '--label', 'category', '--out', file('m1.bin'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${data} has no column "title" (columns: id, subject, content, category)`);
    const missingLabel = await run('cv', '--data', data, '--text', 'subject,content', '--label', 'category_l1');
    expect(missingLabel.code).toBe(1);
    expect(missingLabel.stderr).toContain('has no column "category_l1"');
  });

  it('reports an empty file and a file with only a header', async () => {
    const empty = await run('train', '--data', file('empty.csv', ''), '--text', 'a', '--label', 'b', '--out', file('m2.bin'));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty\.csv is empty/);
    const headerOnly = await run('train', '--data', file('header.csv', 'a,b\r\n'), '--text', 'a', '--label', 'b', '--out', file('m3.bin'));
    expect(headerOnly.code).toBe(1);
    expect(headerOnly.stderr).toMatch(/has a header but no data rows/);
  });

  it('reports malformed CSV with its line', async () => {
    const unterminated = await run('train', '--data', file('bad1.csv', 'a,b\nx,"never closed\n'), '--text', 'a', '--label', 'b', '--out', file('m4.bin'));
    expect(unterminated.code).toBe(1);
    expect(unterminated.stderr).toMatch(/bad1\.csv: malformed CSV at line 2: unterminated quoted field/);
    const ragged = await run('train', '--data', file('bad2.csv', 'a,b\nx,y\nz\n'), '--text', 'a', '--label', 'b', '--out', file('m5.bin'));
    expect(ragged.code).toBe(1);
    expect(ragged.stderr).toMatch(/line 3: record 2 has 1 fields, the header has 2/);
  });

  it('reports an empty label, a missing file and a file that is not a model', async () => {
    const blank = await run('train', '--data', file('blank.csv', 'a,b\nx,y\nz,\n'), '--text', 'a', '--label', 'b', '--out', file('m6.bin'));
    expect(blank.code).toBe(1);
    expect(blank.stderr).toMatch(/row 2 has an empty "b"/);
    const missing = await run('predict', '--model', file('nope.bin'), '--data', file('x.csv', 'a\n1\n'), '--out', file('p.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read model/);
    const notModel = await run('eval', '--model', file('x.csv'), '--data', file('x.csv'), '--label', 'a');
    expect(notModel.code).toBe(1);
    expect(notModel.stderr).toMatch(/not a hotline-classify model file/);
  });

  it('explains usage mistakes with exit code 2', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('--help')).code).toBe(0);
    const unknown = await run('classify');
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown command "classify"')]);
    const missing = await run('train', '--data', 'x.csv', '--text', 'a', '--label', 'b');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('train needs --out')]);
    const badOption = await run('eval', '--model', 'm', '--data', 'd', '--folds', '3');
    expect([badOption.code, badOption.stderr]).toEqual([2, expect.stringContaining('eval has no option --folds')]);
    const noValue = await run('cv', '--data');
    expect([noValue.code, noValue.stderr]).toEqual([2, expect.stringContaining('--data needs a value')]);
    const badNumber = await run('cv', '--data', 'd', '--text', 'a', '--label', 'b', '--folds', 'five');
    expect([badNumber.code, badNumber.stderr]).toEqual([2, expect.stringContaining('--folds must be an integer')]);
    const badFraction = await run('cv', '--data', 'd', '--text', 'a', '--label', 'b', '--train-fraction', '1.5');
    expect([badFraction.code, badFraction.stderr]).toEqual([2, expect.stringContaining('--train-fraction must be more than 0 and at most 1')]);
  });
});
