// `oedr validate` warns about what `oedr draft` would refuse in a valid spec (a language without
// templates, characters the PDF fonts lack), in the same words as draft, without reading the font files.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';
import { builtinLanguages } from '../../src/compose/templates.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const example = readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8');

function specWith(name: string, from: string, to: string): string {
  expect(example).toContain(from);
  const file = join(tmp.path, `${name}.yaml`);
  writeFileSync(file, example.replace(from, to));
  return file;
}

// Thai: a script no bundled font has (Arabic, since the script fonts, is drawn).
const ARABIC = 'the characters "ก" (U+0E01), "ร" (U+0E23), "ม" (U+0E21) and "ส" (U+0E2A) are not covered by the bundled fonts (Noto Sans: Latin, Greek, Cyrillic; Noto Sans Arabic, Devanagari, Bangla, Ethiopic, Georgian), so the PDF cannot be made; write this value in Latin script, or draft with --format docx,md';

/** The built-in template folders, as the messages list them: the list grows with each language. */
const AVAILABLE = builtinLanguages().join(', ');

describe('validate warns about what draft would refuse', () => {
  test('a language without built-in templates, at letter.language', async () => {
    // German: not among the languages issue 13 brings (French now has its templates).
    const file = specWith('german', '  language: en', '  language: de-AT');
    expect(await runCli('validate', file)).toEqual({
      code: 0,
      out: `${file} is valid (0 errors, 1 warning)`,
      err: `${file}:14:13 letter.language: warning: no built-in letter templates for language "de-AT" (available: ${AVAILABLE}); \`oedr draft\` needs --template-dir with a folder de-AT/ for it [no-templates]`,
    });
    expect((await runCli('validate', '--strict', file)).code).toBe(1);
  });

  test('a regional variant of a language with templates is fine, in any case', async () => {
    expect((await runCli('validate', specWith('en-gb', '  language: en', '  language: EN-gb'))).err).toBe('');
  });

  test('characters the PDF fonts lack, at the value that holds them; draft says the same at the same place', async () => {
    const file = specWith('arabic', 'organisation: Citizens\' Election Watch', 'organisation: กรมส');
    const r = await runCli('validate', file);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${file}:18:17 requester.organisation: warning: ${ARABIC} [pdf-font-coverage]`);

    const draft = await runCli('draft', file, '--format', 'pdf', '--out', join(tmp.path, 'out'));
    expect(draft.code).toBe(4);
    expect(draft.err).toContain(`${file}:18:17 requester.organisation: ${ARABIC} [font-coverage]`);
    expect((await runCli('draft', file, '--format', 'docx,md', '--out', join(tmp.path, 'out'))).code).toBe(0);
  });

  test('a comment that cuts a value short is a warning with its place', async () => {
    const file = specWith('comment', '  reference: CEW/2027/014', '  reference: CEW #14');
    expect((await runCli('validate', file)).err).toBe(
      `${file}:13:14 letter.reference: warning: the value ends at \` #\`: YAML reads the rest of the line as a comment; put the value in quotes to keep it [yaml-comment-in-value]`);
  });
});

test('validate never reads the font files (it reads fonts/coverage.json)', () => {
  const file = specWith('arabic-child', 'organisation: Citizens\' Election Watch', 'organisation: กรมส');
  // Reading a TTF fails: validate must not notice it; draft --format pdf must.
  const script = `
    import { createRequire, syncBuiltinESMExports } from 'node:module';
    const require = createRequire(import.meta.url);
    const refuse = (f) => { if (/\\.ttf$/.test(String(f))) throw new Error('read ' + f); };
    const fs = require('node:fs');
    const readFileSync = fs.readFileSync;
    fs.readFileSync = (f, ...rest) => (refuse(f), readFileSync(f, ...rest));
    const fsp = require('node:fs/promises');
    const readFile = fsp.readFile;
    fsp.readFile = async (f, ...rest) => (refuse(f), readFile(f, ...rest));
    syncBuiltinESMExports();
    const { main } = await import(${JSON.stringify(new URL('../../dist/bundle/main.js', import.meta.url).href)});
    process.exitCode = await main(process.argv.slice(1));`;
  const run = (...argv: string[]) => spawnSync(process.execPath, ['--input-type=module', '-e', script, ...argv],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', OEDR_DEBUG: '1' }, cwd: tmp.path });
  const validate = run('validate', file);
  expect(validate.stderr).toContain('[pdf-font-coverage]');
  expect(validate.status).toBe(0);
  const draft = run('draft', join(root, 'examples/polling-station-results.yaml'), '--format', 'pdf', '--out', join(tmp.path, 'pdf'));
  expect(draft.stderr).toMatch(/read \S*NotoSans-\w+\.ttf/);
});

test('draft reports a letter.language without templates at its place in the spec (issue 14, defect 15)', async () => {
  const file = join(tmp.path, 'lang-xx.yaml');
  writeFileSync(file, example.replace(/^( {2}language:) en$/m, '$1 xx'));
  const line = example.split('\n').findIndex((l) => /^ {2}language: en$/.test(l)) + 1;
  const r = await runCli('draft', file, '--out', join(tmp.path, 'lang-out'), '--format', 'md');
  expect(r.code).toBe(4);
  expect(r.err.split('\n')[0]).toBe(`${file}:${line}:13 letter.language: no letter templates for language "xx" (available: ${AVAILABLE}); add a folder templates/xx/ or use --template-dir [no-templates]`);
});

test.each(['\\uFFFE', '\\uFFFF', '\\uD800', '\\u202E'])('a subject holding %s: validate and draft fail at the value, nothing is written (issue 14, defect 16)', async (escape) => {
  const file = join(tmp.path, 'noncharacter.yaml');
  writeFileSync(file, example.replace(/^( {2}subject:) (.*)$/m, `$1 "$2 ${escape}"`));
  const out = join(tmp.path, `nonchar-out-${escape.slice(2)}`);
  const v = await runCli('validate', file);
  const d = await runCli('draft', file, '--out', out, '--format', 'md,docx,pdf');
  for (const r of [v, d]) {
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/:\d+:\d+ letter\.subject: expected text without control characters; .*\[control-character\]/);
  }
  expect(existsSync(out)).toBe(false);
});
