// Placeholders left from `oedr init`: `draft` refuses them (each named, at its line), `--force`
// drafts them for a demo, and the examples, which use the reserved `.example` domain, pass.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

test('draft refuses the starter as written, naming every placeholder, and writes nothing', async () => {
  const spec = join(tmp.path, 'request.yaml');
  expect((await runCli('init', spec)).code).toBe(0);
  const out = join(tmp.path, 'refused');
  const r = await runCli('draft', spec, '--out', out);
  expect(r.code).toBe(1);
  const lines = r.err.split('\n');
  expect(lines).toHaveLength(10);
  expect(lines[9]).toBe('0 files written for 1 spec; 1 failed');
  expect(lines[0]).toBe(`${spec}:10:9 letter.date: still 2027-03-01, the starter's date; put your own (or draft with --force, for a demo) [starter-value]`);
  expect(lines[1]).toBe(`${spec}:16:17 requester.organisation: still "Example Election Watch" from \`oedr init\`; put your own (or draft with --force, for a demo) [starter-value]`);
  expect(lines[3]).toBe(`${spec}:20:10 requester.email: "data@example.org" is a documentation address, not a real one; put your own (or draft with --force, for a demo) [starter-value]`);
  expect(existsSync(out)).toBe(false);
});

test('--force drafts it anyway, for a demo', async () => {
  const spec = join(tmp.path, 'demo.yaml');
  await runCli('init', spec);
  const out = join(tmp.path, 'demo');
  const r = await runCli('draft', spec, '--out', out, '--force', '--format', 'md');
  expect(r).toMatchObject({ code: 0, err: '' });
  expect(readdirSync(out)).toContain('demo.md');
});

test('one placeholder left among real values is still refused; the starter\'s dates alone are not', async () => {
  const spec = join(tmp.path, 'edited.yaml');
  await runCli('init', spec);
  const { readFileSync, writeFileSync } = await import('node:fs');
  const edited = readFileSync(spec, 'utf8')
    .replace('Example Election Watch', 'Citizens\' Election Watch').replace('1 Example Street', '14 Mvule Avenue').replace('+000 000 0000', '+254 700 123 456')
    .replace('data@example.org', 'data@cew.example').replace('ict@election-commission.example', 'ict@iebc.example').replace('needed_by: 2027-09-01', 'needed_by: 2027-09-15')
    .replace('as_of: 2027-08-20', 'as_of: 2027-08-25');
  writeFileSync(spec, edited);
  const r = await runCli('draft', spec, '--out', join(tmp.path, 'edited'), '--format', 'md');
  expect(r.code).toBe(1);
  expect(r.err.split('\n')[0]).toBe(`${spec}:24:11 requester.signatory.name: still "A. N. Other" from \`oedr init\`; put your own (or draft with --force, for a demo) [starter-value]`);
  writeFileSync(spec, edited.replace('A. N. Other', 'Joseph Otieno'));
  expect((await runCli('draft', spec, '--out', join(tmp.path, 'edited'), '--format', 'md')).code).toBe(0);
});

test('the examples trip none of it', async () => {
  const r = await runCli('validate', '--strict', join(root, 'examples'));
  expect(r).toMatchObject({ code: 0, err: '' });
});
