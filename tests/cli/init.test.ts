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

test('writes the starter spec, which validates with no warnings even under --strict', async () => {
  const file = join(tmp, 'request.yaml');
  expect(await run('init', file)).toEqual({ code: 0, out: `wrote ${file}; edit it, then run: oedr validate ${file}`, err: '' });
  expect(await readFile(file, 'utf8')).toBe(await starter());
  expect(await run('validate', '--strict', file)).toEqual({ code: 0, out: `${file} is valid`, err: '' });
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
