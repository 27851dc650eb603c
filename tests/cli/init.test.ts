// `oedr init`: writes the starter spec, which validates as written, and never clobbers a file
// unless told to with --force.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../helpers.js';

const run = runCli;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'oedr-init-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const starter = () => readFile(new URL('../../templates/starter.yaml', import.meta.url), 'utf8');

test('writes the starter spec, which validates, warning about each placeholder left in it', async () => {
  const file = join(tmp, 'request.yaml');
  expect(await run('init', file)).toEqual({ code: 0, out: `wrote ${file}; edit it, then run: oedr validate ${file}`, err: '' });
  expect(await readFile(file, 'utf8')).toBe(await starter());
  const placeholders = [
    '10:9 letter.date: warning: still 2027-03-01, the starter\'s date; put your own',
    '16:17 requester.organisation: warning: still "Example Election Watch" from `oedr init`; put your own',
    '17:12 requester.address: warning: still "1 Example Street\\nExample City\\n" from `oedr init`; put your own',
    '20:10 requester.email: warning: "data@example.org" is a documentation address, not a real one; put your own',
    '21:10 requester.phone: warning: still "+000 000 0000" from `oedr init`; put your own',
    '24:11 requester.signatory.name: warning: still "A. N. Other" from `oedr init`; put your own',
    '34:10 recipient.email: warning: still "ict@election-commission.example" from `oedr init`; put your own',
    '47:12 datasets[0].as_of: warning: still 2027-08-20, the starter\'s date; put your own',
    '61:16 datasets[0].needed_by: warning: still 2027-09-01, the starter\'s date; put your own',
  ].map((m) => `${file}:${m} [starter-value]`);
  expect(await run('validate', file)).toEqual({ code: 0, out: `${file} is valid (0 errors, 9 warnings)`, err: placeholders.join('\n') });
  // Everything else in it is right: only the placeholders make --strict fail.
  expect((await run('validate', '--strict', file)).code).toBe(1);
});

test('creates missing parent directories', async () => {
  const file = join(tmp, 'requests', '2027', 'results.yaml');
  expect((await run('init', file)).code).toBe(0);
  expect(await readFile(file, 'utf8')).toBe(await starter());
});

test('refuses to overwrite without --force and leaves the file and directory untouched', async () => {
  const dir = join(tmp, 'existing');
  await mkdir(dir);
  const file = join(dir, 'request.yaml');
  await writeFile(file, 'my own work\n');
  expect(await run('init', file)).toEqual({ code: 3, out: '', err: `${file}: the file already exists; use --force to overwrite it [file-exists]` });
  expect(await readFile(file, 'utf8')).toBe('my own work\n');
  expect(await readdir(dir)).toEqual(['request.yaml']); // no temp file left behind
});

test('--force overwrites', async () => {
  const file = join(tmp, 'forced.yaml');
  await writeFile(file, 'old\n');
  expect((await run('init', '--force', file)).code).toBe(0);
  expect(await readFile(file, 'utf8')).toBe(await starter());
  expect((await run('init', '-f', file)).code).toBe(0);
});

test('a directory in place of the file is named as such, with or without --force', async () => {
  const dir = join(tmp, 'a-directory.yaml');
  await mkdir(dir);
  const message = `${dir}: expected a path for the new spec file, got a directory [file-is-directory]`;
  expect(await run('init', dir)).toEqual({ code: 3, out: '', err: message });
  expect(await run('init', '--force', dir)).toEqual({ code: 3, out: '', err: message });
});
