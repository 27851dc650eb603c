// --template-dir mistakes are errors that name the file (and line and column), never silently the
// built-in letter, a stack trace or exit 70.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fixture, runCli, tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => { tmp = tempDir(); });
afterEach(() => tmp.done());

/** Writes `files` (path -> text) into a fresh override folder and returns it. */
function overrides(files: Record<string, string>): string {
  const dir = join(tmp.path, 'house');
  mkdirSync(join(dir, 'partials'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const draft = (dir: string) => runCli('draft', fixture('valid/full.yaml'), '--format', 'md', '--out', join(tmp.path, 'out'), '--template-dir', dir);
const templates = (dir: string) => runCli('templates', '--template-dir', dir);

describe('--template-dir', () => {
  test('a folder that does not exist: exit 3, for draft and templates', async () => {
    const dir = join(tmp.path, 'no-such-folder');
    const message = `${dir}: --template-dir names a folder that does not exist [template-dir-missing]`;
    expect(await templates(dir)).toEqual({ code: 3, out: '', err: message });
    const r = await draft(dir);
    expect(r.code).toBe(3);
    expect(r.err.split('\n')[0]).toBe(message);
  });

  test('a file instead of a folder', async () => {
    const file = join(tmp.path, 'file');
    writeFileSync(file, '');
    expect((await templates(file)).err).toBe(`${file}: --template-dir names a file; expected a folder of templates [template-dir-missing]`);
  });

  test.each([
    ['partials/formats.md.hbs', 'no built-in partial is named `formats`, so this file would never be used; did you mean partials/format.md.hbs?'],
    ['format.md.hbs', '`format` is a partial, so this file would never be used; move it to partials/format.md.hbs'],
    ['partials/annex.md.hbs', '`annex` is a letter template, not a partial, so this file would never be used; move it up to annex.md.hbs'],
    ['data-requst.md.hbs', 'no built-in letter template is named `data-requst`, so this file would never be used; did you mean data-request.md.hbs?'],
    ['en/partials/feilds.md.hbs', 'no built-in partial is named `feilds`, so this file would never be used; did you mean partials/fields.md.hbs?'],
    ['partials/fields.hbs', 'no built-in partial is named `fields` (template files end in .md.hbs), so this file would never be used; did you mean partials/fields.md.hbs?'],
  ])('%s, which matches no built-in name, is an error naming it', async (name, message) => {
    const dir = overrides({ [name]: 'x\n' });
    expect(await templates(dir)).toEqual({ code: 4, out: '', err: `${join(dir, name)}: ${message} [template-unknown]` });
    expect((await draft(dir)).code).toBe(4);
  });

  test('an override that matches a built-in name is used', async () => {
    const dir = overrides({ 'partials/rights.md.hbs': 'House wording.\n', 'words.yaml': 'phrases:\n  closing: With kind regards,\n' });
    const r = await templates(dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(join('house', 'partials', 'rights.md.hbs'));
    expect((await draft(dir)).code).toBe(0);
  });
});

describe('words.yaml in an override folder', () => {
  test.each([
    ['phrases:\n  closing: [oops\n', /:3:1: invalid YAML: .* \[yaml-syntax\]$/],
    ['phrases:\n  closing: a\n  closing: b\n', /:3:3 phrases\.closing: the key `closing` appears twice in this mapping \(first on line 2\); keep one \[duplicate-key\]$/],
  ])('%j: a YAML mistake is reported at file:line:col, exit 4', async (text, message) => {
    const dir = overrides({ 'words.yaml': text });
    const r = await templates(dir);
    expect(r.code).toBe(4);
    expect(r.err.startsWith(join(dir, 'words.yaml'))).toBe(true);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });

  test('an empty or comments-only words.yaml overrides nothing', async () => {
    expect((await templates(overrides({ 'words.yaml': '# house words, none yet\n' }))).code).toBe(0);
  });

  test.each([
    ['phrases: 5\n', '1:10 phrases: expected a mapping, as in the built-in words.yaml; got the number 5 [words-type]'],
    ['months: March\n', '1:9 months: expected a list, as in the built-in words.yaml; got "March" [words-type]'],
    ['phrases:\n  closing: { a: b }\n', '2:12 phrases.closing: expected text, as in the built-in words.yaml; got a mapping [words-type]'],
    ['phrase:\n  closing: Regards\n', '1:1 phrase: unknown word group `phrase` (did you mean `phrases`?) [words-unknown]'],
  ])('%j: a word of another shape, or an unknown group, is an error at its place', async (text, message) => {
    const dir = overrides({ 'words.yaml': text });
    expect(await templates(dir)).toEqual({ code: 4, out: '', err: `${join(dir, 'words.yaml')}:${message}` });
  });
});

describe('template mistakes', () => {
  test('a missing partial names the template, line and column, with did-you-mean', async () => {
    const dir = overrides({ 'partials/dataset.md.hbs': '## {{title}}\n\n  {{> fieldz}}\n' });
    expect(await templates(dir)).toEqual({ code: 4, out: '', err: `${join(dir, 'partials/dataset.md.hbs')}:3:3: the partial \`fieldz\` does not exist (did you mean \`fields\`?) [template]` });
  });

  test('an unknown helper lists the helpers there are, in plain words', async () => {
    const dir = overrides({ 'data-request.md.hbs': 'Hi\n{{#if (eq letter.kind "x")}}y{{/if}}\n' });
    const r = await draft(dir);
    expect(r.code).toBe(4);
    expect(r.err.split('\n')[0]).toBe(`${join(dir, 'data-request.md.hbs')}:2:7: unknown helper \`eq\`; templates may use: digits, inflect, join, sentence [template]`);
  });
});

describe('template runtime errors have a place; log and unsafe links are refused (issue 14, defects 15 and 17)', () => {
  test.each([
    ['a partial that calls itself', { 'partials/fields.md.hbs': 'x\n  {{> fields}}\n' }, 'partials/fields.md.hbs:2:3: the partial `fields` is called inside itself (fields → fields): the letter would never end [template]'],
    ['a dynamic partial', { 'data-request.md.hbs': 'One\n\n{{> (lookup . "letter")}}\n' }, 'data-request.md.hbs:3:1: a partial named by an expression (`{{> (…)}}`) cannot be checked before the letter is written; call the partial by its name [template]'],
    ['a missing value read through a block parameter', { 'data-request.md.hbs': 'One\n\n{{#with this as |x|}}{{#with x as |y|}}{{y.zzz.q}}{{/with}}{{/with}}\n' },
      "data-request.md.hbs:3:42: the template reads a value that is missing: Cannot read properties of undefined (reading 'q') [template]"],
    ['{{log}}', { 'data-request.md.hbs': 'One\n\n{{log letter}}\n' }, 'data-request.md.hbs:3:1: unknown helper `log`; templates may use: digits, inflect, join, sentence [template]'],
  ])('%s', async (_, files, message) => {
    const dir = overrides(files);
    const r = await draft(dir);
    expect(r.code).toBe(4);
    expect(r.err.split('\n')[0]).toBe(`${dir}/${message}`);
    expect(r.out).toBe('');
  });

  test('a javascript: link from {{{letter.subject}}} or the template is text in every writer; https stays a link', async () => {
    const dir = overrides({ 'data-request.md.hbs': 'One\n\n[x](javascript:alert(1)) [ok](https://example.org) [m](mailto:a@example.org) [f](file:///etc/passwd)\n' });
    const out = join(tmp.path, 'out');
    const r = await runCli('draft', fixture('valid/full.yaml'), '--format', 'md,docx,pdf', '--out', out, '--template-dir', dir);
    expect(r.code).toBe(0);
    const md = readFileSync(join(out, 'full.md'), 'utf8');
    expect(md).toContain('x [ok](<https://example.org>) [m](<mailto:a@example.org>) f');
    expect(md).not.toMatch(/javascript|file:/);
    const docx = await import('fflate').then(({ unzipSync }) => Buffer.from(unzipSync(readFileSync(join(out, 'full.docx')))['word/_rels/document.xml.rels']!).toString());
    expect(docx).toContain('https://example.org');
    expect(docx).not.toMatch(/javascript|file:/);
    const pdf = readFileSync(join(out, 'full.pdf')).toString('latin1');
    expect(pdf).toContain('(https://example.org)');
    expect(pdf).not.toMatch(/javascript|file:\/\//);
  });
});
