// Quadratic inputs, across commands (issue 14, defects 3, 4 and 14 and their class): for each input
// that grows (keys, duplicate keys, aliases, columns, one long word), a run on 4n takes well under
// 16x (quadratic) a run on n. Sizes compared, not wall-clock targets: a generous factor, the best of
// two runs each, so a loaded machine does not fail the test.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const example = readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8');
let k = 0;
const write = (text: string) => {
  const file = join(tmp.path, `in-${++k}`);
  writeFileSync(file, text);
  return file;
};
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

const cases: [string, (n: number) => string[], number][] = [
  ['validate: unknown keys', (n) => ['validate', write(`${example}\n${lines(n, (i) => `k${i}: v`)}\n`)], 2000],
  ['validate: duplicate keys', (n) => ['validate', write(`${example}\n${lines(n, () => 'dup: v')}\n`)], 2000],
  ['validate: aliases', (n) => ['validate', write(`x: &x a\nl: [${Array(n).fill('*x').join(', ')}]\n`)], 20000],
  ['check: header columns', (n) => ['check', write(`${lines(1, () => Array.from({ length: n }, (_, i) => `c${i}`).join(','))}\n${Array(n).fill('1').join(',')}\n`),
    '--against', join(root, 'examples/polling-station-results.yaml')], 10000],
  ['draft: a long word in the subject', (n) => ['draft', write(example.replace(/^( {2}subject:) .*$/m, `$1 ${'ab'.repeat(n / 2)}`)), '--out', join(tmp.path, `out-${k}`), '--format', 'pdf'], 8000],
];

test.each(cases)('%s: linear in the size', async (_, argv, n) => {
  const time = async (size: number) => {
    const args = argv(size);
    const start = performance.now();
    const r = await runCli(...args);
    expect(r.code).not.toBe(70);
    return performance.now() - start;
  };
  await time(n / 4); // warm up
  const small = Math.min(await time(n), await time(n));
  const large = Math.min(await time(4 * n), await time(4 * n));
  // A floor of 50 ms: an input stopped early (the alias guard) takes about as long at any size, and
  // the ratio of two times of a few milliseconds is noise.
  expect(large / Math.max(small, 50)).toBeLessThan(10);
}, 300_000);
