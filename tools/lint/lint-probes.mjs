// Lints sources that exist only in memory, as if they sat at the given paths, with the
// workspace's ESLint config. stdin: [{ path, code }]; stdout: [[error messages], …].
import { ESLint } from 'eslint';

const probes = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (chunk) => (data += chunk)).on('end', () => resolve(data));
}));
const eslint = new ESLint();
const results = [];
for (const { path, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath: path });
  results.push(result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(results));
