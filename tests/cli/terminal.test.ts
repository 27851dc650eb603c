// Terminal escaping, across every command (issue 14, defect 2): no value from an input (a delivered
// cell or column name, a spec value or key, a file name, a template name, a law file) reaches the
// terminal with a control character or a bidi override in it, and none can start a line of its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { printable, visible } from '../../src/characters.js';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const FORGED = '\x1b[2K\x1b[1A\r\u202E\n  \x1b[32m✓ values     All values have the requested types.';
/** Anything a terminal would act on rather than show: controls but line feed and tab, bidi controls. */
const RAW = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/;
const write = (name: string, text: string) => {
  const file = join(tmp.path, name);
  writeFileSync(file, text);
  return file;
};
const example = readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8');
const spec = (name: string) => write(name, `letter: { date: 2027-03-01, subject: Request for results }
requester: { organisation: Example Election Watch, email: data@example.org, signatory: { name: A. N. Other } }
recipient: { institution: Secretary of State }
datasets:
  - title: Results
    description: Votes at each station.
    fields:
      - { name: station, description: The station }
      - { name: votes, description: The votes, type: integer }
`);
const clean = (r: { out: string; err: string }) => {
  const all = `${r.out}\n${r.err}`;
  expect(all).not.toMatch(RAW);
  // No line that the input started: the forged ✓ never begins a line of its own.
  expect(all.split('\n').filter((l) => /^\s*✓ values/.test(l))).toEqual([]);
};

describe('every command shows input values escaped', () => {
  const quote = JSON.stringify(FORGED);
  const cases: [string, () => string[]][] = [
    ['check: a delivered cell', () => ['check', write('cell.csv', `station,votes\nA,${quote}\n`), '--against', spec('s1.yaml')]],
    ['check: a column name', () => ['check', write('column.csv', `station,votes,${quote}\nA,1,2\n`), '--against', spec('s2.yaml')]],
    ['check: the file name', () => ['check', write(`f${FORGED.replace(/\n/g, '')}.csv`, 'station,votes\nA,x\n'), '--against', spec('s3.yaml')]],
    ['check --summary: a summary cell', () => ['check', write('d.csv', 'station,votes\nA,1\n'), '--summary', write('sum.csv', `station,votes\nA,${quote}\n`), '--against', spec('s5.yaml')]],
    ['validate: a key and a value', () => ['validate', write('v.yaml', `${example}\n${quote}: ${quote}\n`)]],
    ['validate: the file name', () => ['validate', write(`v${FORGED.replace(/\n/g, '')}.yaml`, 'oedr: 2\n')]],
    ['draft: the file name of a valid spec', () => ['draft', write(`d${FORGED.replace(/[\n/]/g, '')}.yaml`, example), '--out', join(tmp.path, 'out'), '--format', 'md']],
    ['draft: a value', () => ['draft', write('dv.yaml', example.replace(/subject: .*/, `subject: ${quote}`)), '--out', join(tmp.path, 'out'), '--format', 'md']],
    ['calendar: the file name', () => ['calendar', write(`c${FORGED.replace(/[\n/]/g, '')}.yaml`, example)]],
    ['templates: a template file name', () => {
      const dir = join(tmp.path, 'tpl');
      mkdirSync(join(dir, 'partials'), { recursive: true });
      writeFileSync(join(dir, 'partials', `x${FORGED.replace(/[\n/]/g, '')}.md.hbs`), 'text');
      return ['templates', '--template-dir', dir];
    }],
    ['laws: a law file value', () => ['laws', '--laws', write('laws.yaml', `laws:\n  - code: ZZ\n    name: ${quote}\n`)]],
  ];
  test.each(cases)('%s', async (_, argv) => {
    clean(await runCli(...argv()));
  });
});

describe('the escapes', () => {
  test('a value shows each control, line break and bidi override as an escape', () => {
    expect(visible('a\x1b[2K\r\n\u202Eb\u0085\uD800\uFFFE\u2028')).toBe('a\\x1B[2K\\x0D\\x0A\\u202Eb\\u0085\\uD800\\uFFFE\\u2028');
    expect(visible('Łódź 👩‍👩‍👧 مرحبا\ttab')).toBe('Łódź 👩‍👩‍👧 مرحبا\ttab');
  });

  test('the last line of defence keeps line feeds, CR LF and, with colours on, colour codes', () => {
    expect(printable('\x1b[32mok\x1b[39m\r\nx\ry \x1b[2K \u202E', true)).toBe('\x1b[32mok\x1b[39m\r\nx\\x0Dy \\x1B[2K \\u202E');
    expect(printable('\x1b[32mok\x1b[39m', false)).toBe('\\x1B[32mok\\x1B[39m');
  });

  test('--json stays valid JSON, the same data, with a value holding C1 controls, bidi overrides and noncharacters', () => {
    const value = 'a\u0085\u202E\uFFFE\x7F\x1b\n';
    const shown = printable(JSON.stringify({ value }), false);
    expect(shown).not.toMatch(RAW);
    expect(JSON.parse(shown)).toEqual({ value });
  });

  test('the real program (bin/oedr.js, colours forced) prints no control from a cell, and keeps its own colours', () => {
    const csv = write('bin.csv', `station,votes\nA,${JSON.stringify(FORGED)}\n`);
    const r = spawnSync(process.execPath, [join(root, 'bin/oedr.js'), 'check', csv, '--against', spec('bin.yaml')], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(r.status).toBe(1);
    expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(RAW);
    expect(r.stdout).toContain('\x1b[31m✗\x1b[39m');
    expect(r.stdout).toContain('\\u202E');
    const json = spawnSync(process.execPath, [join(root, 'bin/oedr.js'), 'check', csv, '--against', spec('bin.yaml'), '--json'], { encoding: 'utf8' });
    expect(json.stdout).not.toMatch(RAW);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(JSON.stringify(FORGED)).slice(1, -1));
  });
});
