// Batches: folders and globs as input, the manifest, --check, --json and --quiet.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/cli/inputs.js';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
const specs = join(tmp.path, 'requests');
const out = join(tmp.path, 'letters');
afterAll(() => tmp.done());
beforeAll(() => {
  mkdirSync(join(specs, 'regional'), { recursive: true });
  mkdirSync(join(specs, '.hidden'));
  copyFileSync(join(root, 'examples/polling-station-results.yaml'), join(specs, 'national.yaml'));
  copyFileSync(join(root, 'examples/voter-registration-statistics.yaml'), join(specs, 'regional', 'district.yml'));
  copyFileSync(join(root, 'examples/polling-station-results.yaml'), join(specs, '.hidden', 'skip.yaml'));
  writeFileSync(join(specs, '_profile.yaml'), 'not: a spec\n');
  writeFileSync(join(specs, 'notes.txt'), 'not yaml\n');
});

describe('inputs', () => {
  it('a folder gives every *.yaml and *.yml below it, sorted, without _shared files or hidden folders', async () => {
    expect((await expandInputs([specs])).map((f) => relative(specs, f))).toEqual(['national.yaml', 'regional/district.yml']);
  });

  it('a quoted glob is expanded, and a file named twice is drafted once', async () => {
    const pattern = `${relative('.', specs)}/**/*.{yaml,yml}`;
    const files = await expandInputs([pattern, join(relative('.', specs), 'national.yaml')]);
    expect(files.map((f) => relative(relative('.', specs), f))).toEqual(['national.yaml', 'regional/district.yml']);
  });

  it('a folder or pattern with no specs is an error', async () => {
    const empty = join(tmp.path, 'empty');
    mkdirSync(empty);
    expect((await runCli('validate', empty)).err).toContain(`${empty}: no spec files (*.yaml, *.yml, not starting with "_") in this folder [no-specs]`);
    expect((await runCli('draft', `${empty}/*.yaml`, '--out', out)).code).toBe(3);
  });
});

describe('manifest and --check', () => {
  it('records every spec and letter with its SHA-256, and --check passes right after', async () => {
    const first = await runCli('draft', specs, '--format', 'md', '--out', out, '--no-annex');
    expect(first.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'oedr-manifest.json'), 'utf8'));
    // Paths relative to the output folder: the same manifest from whichever folder oedr runs.
    expect(manifest.letters.map((l: { spec: string }) => l.spec)).toEqual(['../requests/national.yaml', '../requests/regional/district.yml']);
    const national = manifest.letters[0];
    expect(national.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(national.outputs.md).toEqual({ file: 'national.md', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const check = await runCli('draft', specs, '--format', 'md', '--out', out, '--no-annex', '--check');
    expect(check.code).toBe(0);
    expect(check.err).toContain('2 files up to date, 0 out of date or missing for 2 specs');
  });

  it('the manifest does not depend on the folder oedr runs from', async () => {
    const cwd = process.cwd();
    process.chdir(specs);
    try {
      const check = await runCli('draft', '.', '--format', 'md', '--out', out, '--no-annex', '--check');
      expect(check.err).toContain('2 files up to date, 0 out of date or missing for 2 specs');
      expect(check.code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });

  it('--check names stale, missing and edited letters, exits 1 and writes nothing', async () => {
    writeFileSync(join(out, 'national.md'), 'edited by hand\n');
    const before = readdirSync(out).sort();
    const check = await runCli('draft', specs, '--format', 'md,pdf', '--out', out, '--no-annex', '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain(`${join(out, 'national.md')}: edited by hand since oedr wrote it (it differs from its hash in oedr-manifest.json); \`oedr draft\` will keep it unless run with --force [edited]`);
    expect(check.err).not.toContain(`${join(out, 'national.md')}: out of date`);
    expect(check.err).toContain(`${join(out, 'national.pdf')}: missing; run oedr draft without --check to update it [check]`);
    expect(readdirSync(out).sort()).toEqual(before);
    expect(readFileSync(join(out, 'national.md'), 'utf8')).toBe('edited by hand\n');
  });

  it('drafting again keeps the letter edited by hand (exit 1) until --force', async () => {
    const again = await runCli('draft', specs, '--format', 'md', '--out', out, '--no-annex');
    expect(again.code).toBe(1);
    expect(again.err).toContain(`${join(out, 'national.md')}: edited by hand since oedr wrote it (it differs from its hash in oedr-manifest.json), so this letter was not written again. To keep the edit, copy the file to another name; to replace it with the letter drafted from the spec, run \`oedr draft --force\` [edited]`);
    expect(readFileSync(join(out, 'national.md'), 'utf8')).toBe('edited by hand\n');
    expect(again.out).toContain('district.md (unchanged)');
    const forced = await runCli('draft', specs, '--format', 'md', '--out', out, '--no-annex', '--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain(`${join(out, 'national.md')}\n`.trim());
    expect(forced.err).toContain('1 file written, 1 unchanged for 2 specs');
    expect(readFileSync(join(out, 'national.md'), 'utf8')).not.toBe('edited by hand\n');
  });
});

describe('--json and --quiet', () => {
  it('--json prints one summary with outputs, hashes, diagnostics and timings', async () => {
    const r = await runCli('draft', specs, '--format', 'md', '--out', join(tmp.path, 'json'), '--no-annex', '--json');
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ ok: true, specs: 2, failed: 0, written: 2, unchanged: 0, stale: [] });
    expect(summary.letters[0].outputs[0]).toMatchObject({ status: 'written', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(typeof summary.ms).toBe('number');
    expect(r.err).toBe('');
  });

  it('--quiet prints only problems', async () => {
    const r = await runCli('draft', specs, '--format', 'md', '--out', join(tmp.path, 'quiet'), '--no-annex', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
  });
});
