// Gives a demo tenant its first classification model (issue 14) from the labelled citizen
// messages of ../shared/data/messages-labelled-train.csv (read from there, never copied),
// through intake's import endpoint: intake trains it in the background and activates it, as no
// model exists yet. The board's 7 first-level classes are not the tenant's DB44/T 2479
// categories: each is mapped to the DB44 first-level code that covers it. Idempotent: a tenant
// with a model (or a run in progress) is left as it is.
import { existsSync, readFileSync } from 'node:fs';
import { parseCsv } from './csv.mjs';

/** message-board category_l1 → DB44/T 2479—2024 level-1 code. */
export const BOARD_TO_DB44 = {
  城乡建设: '03', // 城乡建设
  劳动和社会保障: '08', // 人力资源社会保障
  教育文体: '01', // 科教文体
  商贸旅游: '11', // 经济财贸
  环境保护: '04', // 自然资源与环境保护
  卫生计生: '02', // 公卫医疗
  交通运输: '05', // 交通运输
};

const cut = (text, chars) => Array.from(text.trim()).slice(0, chars).join('');

/**
 * The labelled messages as import examples, oldest first (the import holds the last share back
 * to judge the model: the most recent messages, as a retraining would; rows without a date count
 * as oldest, in the file's order), cut to a request's limits (title 200, content 4,000 characters).
 */
export function labelledExamples(dataDir) {
  const file = `${dataDir}/messages-labelled-train.csv`;
  if (!existsSync(file)) return undefined;
  return parseCsv(readFileSync(file, 'utf8'))
    .filter((r) => r.body.trim() && BOARD_TO_DB44[r.category_l1])
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .map((r) => ({ ...(r.title.trim() ? { title: cut(r.title, 200) } : {}), content: cut(r.body, 4000), categoryCode: BOARD_TO_DB44[r.category_l1] }));
}

export async function seedClassifier(intakeUrl, tokens, dataDir, log) {
  const admin = tokens['tenant-admin'];
  const examples = labelledExamples(dataDir);
  if (!examples) {
    log(`no ${dataDir}/messages-labelled-train.csv: no classification model, suggestions give type and urgency only`);
    return;
  }
  const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
  const models = await fetch(`${intakeUrl}/v1/classification/models`, { headers });
  if (!models.ok) throw new Error(`GET /v1/classification/models: ${models.status} ${await models.text()}`);
  if ((await models.json()).items.length > 0) return;
  const res = await fetch(`${intakeUrl}/v1/classification/models/import-training`, { method: 'POST', headers, body: JSON.stringify({ examples }) });
  if (res.status === 409) return;
  if (res.status !== 202) throw new Error(`POST /v1/classification/models/import-training: ${res.status} ${await res.text()}`);
  log(`classification: training a first model on ${examples.length} labelled messages in the background (run ${(await res.json()).runId})`);
}
