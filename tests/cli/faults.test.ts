// Repros of issue 14: standard output that cannot be written, --date and --recipient of a
// follow-up, a damaged manifest, and template files that are not templates.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const bin = join(root, 'bin/oedr.js');
let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp?.done());

describe('standard output that cannot be written (defect 8)', () => {
  it.each([['schema'], ['templates'], ['laws'], ['calendar', join(root, 'examples/campaign-finance-foi.yaml')]])('oedr %s > /dev/full exits 3 with a message', (...argv) => {
    if (!existsSync('/dev/full')) return;
    const r = spawnSync(process.execPath, [bin, ...argv], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'], encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('oedr: cannot write to standard output: the disk is full (ENOSPC); the output is incomplete [write-failed]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

function batch(): string {
  tmp = tempDir();
  cpSync(join(root, 'examples/batch'), tmp.path, { recursive: true });
  writeFileSync(join(tmp.path, 'data.csv'), 'constituency_code\n047\n');
  return tmp.path;
}

describe('check --follow-up (defects 11 and 12)', () => {
  it('with several recipients and no --recipient, is an error listing the ids, and writes nothing', async () => {
    const dir = batch();
    const r = await runCli('check', join(dir, 'data.csv'), '--against', join(dir, 'results-2027.yaml'), '--follow-up', '--out', join(dir, 'out'), '--format', 'md');
    expect(r.code).toBe(2);
    expect(r.err).toContain('has 4 recipients; say which one the data came from with --recipient ID (nairobi, coast, nyeri, kisumu) [recipient-choice]');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('with --recipient, writes to that recipient, named after it', async () => {
    const dir = batch();
    const r = await runCli('check', join(dir, 'data.csv'), '--against', join(dir, 'results-2027.yaml'), '--follow-up', '--recipient', 'nyeri', '--out', join(dir, 'out'), '--format', 'md');
    expect(r.code).toBe(1);
    expect(readdirSync(join(dir, 'out'))).toEqual(['results-2027-nyeri-check-follow-up.md']);
    const md = readFileSync(join(dir, 'out', 'results-2027-nyeri-check-follow-up.md'), 'utf8');
    expect(md).toContain('Central Regional Office');
    expect(md).toContain('021-nyeri');
    expect(md).not.toContain('Nairobi Regional Office');
  });

  it('an unknown --recipient is an error naming the ids', async () => {
    const dir = batch();
    const r = await runCli('check', join(dir, 'data.csv'), '--against', join(dir, 'results-2027.yaml'), '--follow-up', '--recipient', 'mombasa');
    expect(r.code).toBe(2);
    expect(r.err).toContain('has no recipient "mombasa"; its recipients are nairobi, coast, nyeri, kisumu');
  });

  it.each(['2027-02-30', '0000-00-00', '2027-13-01', '27-1-1'])('--date %s is refused (exit 2) before anything is read', async (date) => {
    const dir = batch();
    const r = await runCli('check', join(dir, 'data.csv'), '--against', join(dir, 'results-2027.yaml'), '--follow-up', '--recipient', 'nyeri', '--date', date, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--date expects a real calendar date written YYYY-MM-DD, got "${date}" [bad-date]`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('a damaged manifest (defect 13)', () => {
  it.each([['{"letters":[null]}'], ['{"letters":{}}'], ['not json'], ['{"letters":[{"spec":1}]}']])('%s is rebuilt with a warning', async (text) => {
    tmp = tempDir();
    const spec = join(tmp.path, 'r.yaml');
    cpSync(join(root, 'examples/polling-station-results.yaml'), spec);
    const out = join(tmp.path, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'oedr-manifest.json'), text);
    const r = await runCli('draft', spec, '--out', out, '--format', 'md', '--no-annex');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/oedr-manifest.json: warning: the manifest is damaged \(.+\); rebuilt from its sound entries and this run's letters \[manifest-damaged\]/);
    const manifest = JSON.parse(readFileSync(join(out, 'oedr-manifest.json'), 'utf8')) as { letters: { spec: string }[] };
    expect(manifest.letters.map((l) => l.spec)).toEqual(['../r.yaml']);
  });
});

describe('template files that are not templates (defect 13)', () => {
  it('a template that is not UTF-8 is an error at its line and column', async () => {
    tmp = tempDir();
    const t = join(tmp.path, 't');
    mkdirSync(t);
    writeFileSync(join(t, 'data-request.md.hbs'), Buffer.concat([Buffer.from('Dear reader,\n\nab'), Buffer.from([0xff]), Buffer.from('c\n')]));
    const r = await runCli('draft', join(root, 'examples/polling-station-results.yaml'), '--template-dir', t, '--out', join(tmp.path, 'out'), '--format', 'md');
    expect(r.code).toBe(3);
    expect(r.err).toContain(`${join(t, 'data-request.md.hbs')}:3:3: the file is not UTF-8: byte 0xFF is not valid UTF-8; save it as UTF-8 [file-not-utf8]`);
    expect(existsSync(join(tmp.path, 'out'))).toBe(false);
  });

  it('a folder named like a template is an error naming it', async () => {
    tmp = tempDir();
    const t = join(tmp.path, 't');
    mkdirSync(join(t, 'data-request.md.hbs'), { recursive: true });
    const r = await runCli('draft', join(root, 'examples/polling-station-results.yaml'), '--template-dir', t, '--out', join(tmp.path, 'out'), '--format', 'md');
    expect(r.code).toBe(3);
    expect(r.err).toContain(`${join(t, 'data-request.md.hbs')}: expected a file, got a directory [file-is-directory]`);
  });
});
