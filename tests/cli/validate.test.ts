// `oedr validate` and the command line around it, through main(argv, io) with captured output,
// and once through the real bin/oedr.js to check colours and that bad input never shows a stack.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const at = (p: string) => join(root, p);
const invalid = (name: string) => at(`tests/fixtures/invalid/${name}.yaml`);

const run = runCli;

describe('oedr validate', () => {
  test('a valid spec: exit 0 and one summary line', async () => {
    const file = at('examples/polling-station-results.yaml');
    expect(await run('validate', file)).toEqual({ code: 0, out: `${file} is valid`, err: '' });
  });

  test('several valid specs', async () => {
    const r = await run('validate', at('examples/campaign-finance-foi.yaml'), at('examples/voter-registration-statistics.yaml'), at('examples/batch/results-2027.yaml'));
    expect(r).toEqual({ code: 0, out: 'all 3 specs are valid', err: '' });
  });

  test('an invalid spec: exit 1, every problem as file:line:col path: message [rule]', async () => {
    const file = invalid('several-problems');
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      `${file}:3:9 letter.kind: expected one of data-request, foi-request, follow-up, appeal; got "data-requst" (did you mean \`data-request\`?) [enum]`,
      `${file}:8:10 requester.email: expected an email address such as name@example.org; got "data@example" [format]`,
      `${file}:13:3 recipient.levl: unknown key \`levl\` (did you mean \`level\`?) [unknown-key]`,
      `${file}:17:13 datasets[0].format: expected one of csv, tsv, json, xml, xlsx, ods, geojson, shapefile, other; got "CSV" (did you mean \`csv\`?) [enum]`,
      `${file}:20:11 datasets[0].time_range.to: the time range ends (2027-01-01) before it starts (2027-01-31) [time-range-order]`,
      `${file}:21:16 datasets[0].needed_by: warning: the needed-by date leaves only 4 days after the letter date; give the institution enough time (at least 10 days) [needed-by-soon]`,
    ]);
    expect(r.out).toBe('1 spec of 1 failed (5 errors, 1 warning)');
  });

  test('warnings only: exit 0, but 1 with --strict', async () => {
    const file = invalid('needed-by-soon');
    const plain = await run('validate', file);
    expect(plain.code).toBe(0);
    expect(plain.out).toBe(`${file} is valid (0 errors, 1 warning)`);
    expect(plain.err).toMatch(/warning: the needed-by date leaves only 7 days/);
    const strict = await run('validate', '--strict', file);
    expect(strict.code).toBe(1);
    expect(strict.out).toBe('1 spec of 1 failed (0 errors, 1 warning)');
  });

  test('a missing file: exit 3, and the other files are still checked', async () => {
    const missing = at('tests/fixtures/no-such-spec.yaml');
    expect(await run('validate', missing)).toEqual({ code: 3, out: '1 spec of 1 failed (1 error, 0 warnings)', err: `${missing}: no such file [file-missing]` });
    const both = await run('validate', invalid('bad-email'), missing);
    expect(both.code).toBe(3);
    expect(both.err).toContain('requester.email: expected an email address');
    expect(both.out).toBe('2 specs of 2 failed (2 errors, 0 warnings)');
  });

  test('--json: one object with totals and the diagnostics of each file, nothing on stderr', async () => {
    const soon = invalid('needed-by-soon');
    const email = invalid('bad-email');
    const r = await run('validate', '--json', soon, email);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({
      valid: false,
      errors: 1,
      warnings: 1,
      files: [
        { file: soon, valid: true, diagnostics: [{
          severity: 'warning', rule: 'needed-by-soon', file: soon, line: 15, col: 16, path: 'datasets[0].needed_by',
          message: 'the needed-by date leaves only 7 days after the letter date; give the institution enough time (at least 10 days)',
        }] },
        { file: email, valid: false, diagnostics: [{
          severity: 'error', rule: 'format', file: email, line: 7, col: 10, path: 'requester.email',
          message: 'expected an email address such as name@example.org; got "data(at)example.test"',
        }] },
      ],
    });
  });

  test('--json --strict marks a file with warnings invalid; a valid run says valid: true', async () => {
    const strict = JSON.parse((await run('validate', '--json', '--strict', invalid('needed-by-soon'))).out);
    expect(strict).toMatchObject({ valid: false, errors: 0, warnings: 1, files: [{ valid: false }] });
    const ok = await run('validate', '--json', at('examples/campaign-finance-foi.yaml'));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ valid: true, errors: 0, warnings: 0, files: [{ file: at('examples/campaign-finance-foi.yaml'), valid: true, diagnostics: [] }] });
  });
});

describe('the command line', () => {
  test.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['validate', '--bogus', 'x.yaml'], /unknown option '--bogus'/],
    [['validate'], /missing required argument 'spec'/],
    [['init', 'a.yaml', 'b.yaml'], /too many arguments/],
  ])('%j: exit 2 with a message', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(at('package.json'), 'utf8')) as { version: string };
    expect(await run('--version')).toEqual({ code: 0, out: pkg.version, err: '' });
  });

  test('--help lists the commands and exit codes', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/validate .*\n/);
    expect(r.out).toContain('Exit codes: 0 ok, 1 invalid spec, 2 bad command line');
    expect(r.out).toContain('Example');
  });

  test.each(['validate', 'init', 'schema'])('%s --help has an example', async (command) => {
    const r = await run(command, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`Usage: oedr ${command}`));
    expect(r.out).toMatch(/Examples?:\n {2}\$ oedr /);
  });
});

describe('bin/oedr.js', () => {
  const bin = at('bin/oedr.js');
  let tmp: string;
  beforeAll(async () => {
    // The bin runs the built code; `npm ci` builds it through the `prepare` script.
    if (!existsSync(at('dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm ci runs it through `prepare`)');
    tmp = await mkdtemp(join(tmpdir(), 'oedr-bin-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  function spawn(argv: string[], colour: Record<string, string>) {
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    delete env.OEDR_DEBUG;
    const r = spawnSync(process.execPath, [bin, ...argv], { env: { ...env, ...colour }, encoding: 'utf8', cwd: tmp, timeout: 20_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  test('NO_COLOR=1 prints no ANSI escapes; FORCE_COLOR=1 does', () => {
    const file = invalid('several-problems');
    const plain = spawn(['validate', file], { NO_COLOR: '1' });
    expect(plain.code).toBe(1);
    expect(plain.err).toContain('did you mean `data-request`?');
    expect(plain.out + plain.err).not.toMatch(/\x1b\[/);
    const coloured = spawn(['validate', file], { FORCE_COLOR: '1' });
    expect(coloured.code).toBe(1);
    expect(coloured.out + coloured.err).toMatch(/\x1b\[\d+m/);
    // NO_COLOR wins over FORCE_COLOR (https://no-color.org).
    expect(spawn(['validate', file], { NO_COLOR: '1', FORCE_COLOR: '1' }).err).not.toMatch(/\x1b\[/);
  });

  test('bad input gives a one-line reason, never a stack trace', async () => {
    const binary = join(tmp, 'binary.yaml');
    await writeFile(binary, Buffer.from([0x00, 0xff, 0x10]));
    const latin1 = join(tmp, 'latin1.yaml');
    await writeFile(latin1, Buffer.from('oedr: 1\nletter: caf\xe9\n', 'latin1'));
    await mkdir(join(tmp, 'dir.yaml'));
    const cases: [string[], number][] = [
      [['validate', binary], 3],
      [['validate', latin1], 3],
      [['validate', join(tmp, 'dir.yaml')], 3],
      [['validate', join(tmp, 'missing.yaml')], 3],
      [['validate', invalid('alias-bomb')], 1],
      [['validate', invalid('yaml-syntax')], 1],
      [['validate', invalid('not-a-mapping')], 1],
      [['init', join(tmp, 'dir.yaml')], 3],
      [['schema', '--out', join(tmp, 'dir.yaml')], 3],
      [['frobnicate'], 2],
    ];
    for (const [argv, code] of cases) {
      const r = spawn(argv, { NO_COLOR: '1' });
      expect({ argv, code: r.code }).toEqual({ argv, code });
      expect(r.err).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
      expect(r.err).not.toMatch(/internal error|Error:/);
      expect(r.err.trim()).not.toBe('');
    }
  });
});
