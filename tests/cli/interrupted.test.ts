// Runs that share an output folder, and runs that end early (kill -9, Ctrl-C): the manifest always
// agrees with the files once a run is over, nothing half-written is left, and a spec's files are
// written all or none. Child processes of the built CLI, since signals and locks are per process.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFilesAtomicSync } from '../../src/cli/files.js';
import { root, runCli, tempDir } from '../helpers.js';

const bin = join(root, 'bin/oedr.js');
let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp?.done());

function specs(dir: string, name: string, n: number, from = 'polling-station-results'): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= n; i++) cpSync(join(root, `examples/${from}.yaml`), join(folder, `${name}${i}.yaml`));
  return folder;
}

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, 'draft', ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  child.stdout.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, err })));
  return { child, done };
}

/** Waits until a spec's files are on their way: the run's journal has a line. */
async function untilJournal(out: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const j = existsSync(out) ? readdirSync(out).find((n) => n.startsWith('.oedr-journal-')) : undefined;
    if (j && readFileSync(join(out, j), 'utf8').includes('\n')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the run wrote no letter in 30 s');
}

/** Every manifest entry matches its file, every letter file has an entry, and no temp, journal or lock is left. */
function agreement(out: string): { entries: number; mismatched: string[]; unrecorded: string[]; leftovers: string[] } {
  const manifest = JSON.parse(readFileSync(join(out, 'oedr-manifest.json'), 'utf8')) as { letters: { outputs: Record<string, { file: string; sha256: string }> }[] };
  const outputs = manifest.letters.flatMap((l) => Object.values(l.outputs));
  const hash = (f: string) => (existsSync(join(out, f)) ? createHash('sha256').update(readFileSync(join(out, f))).digest('hex') : 'missing');
  const names = readdirSync(out);
  const recorded = new Set(outputs.map((o) => o.file));
  return {
    entries: manifest.letters.length,
    mismatched: outputs.filter((o) => hash(o.file) !== o.sha256).map((o) => o.file),
    unrecorded: names.filter((n) => !n.startsWith('.') && n !== 'oedr-manifest.json' && !recorded.has(n)),
    leftovers: names.filter((n) => n.startsWith('.oedr-')),
  };
}

describe('concurrent runs into one folder (defect 1)', () => {
  it('both runs are in the manifest: the second waits for the first', async () => {
    tmp = tempDir();
    const out = join(tmp.path, 'out');
    const a = start([specs(tmp.path, 'a', 6), '--out', out, '--format', 'md']);
    const b = start([specs(tmp.path, 'b', 6, 'voter-registration-statistics'), '--out', out, '--format', 'md']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code], ra.err + rb.err).toEqual([0, 0]);
    expect(agreement(out)).toEqual({ entries: 12, mismatched: [], unrecorded: [], leftovers: [] });
  });

  it('a lock left by a process that is gone is taken over', async () => {
    tmp = tempDir();
    const out = join(tmp.path, 'out');
    mkdirSync(out);
    writeFileSync(join(out, '.oedr-lock'), `999999999 ${hostname()}\n`);
    const r = await runCli('draft', specs(tmp.path, 'a', 1), '--out', out, '--format', 'md');
    expect(r.code, r.err).toBe(0);
    expect(agreement(out)).toEqual({ entries: 1, mismatched: [], unrecorded: [], leftovers: [] });
  });
});

describe('a run that ends early (defects 1 and 7)', () => {
  it('kill -9: the next run completes the manifest from the journal and removes the temp files', async () => {
    tmp = tempDir();
    const out = join(tmp.path, 'out');
    const batch = specs(tmp.path, 'a', 40);
    const run = start([batch, '--out', out, '--format', 'md,docx'], { OEDR_JOBS: '1' });
    await untilJournal(out);
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    writeFileSync(join(out, '.oedr-tmp-999999999-0123456789ab'), 'half a letter');
    const next = await runCli('draft', join(batch, 'a1.yaml'), '--out', out, '--format', 'md,docx');
    expect(next.code, next.err).toBe(0);
    expect(next.err).toMatch(/oedr-manifest.json: added the \d+ letters? of a run that ended early/);
    const after = agreement(out);
    expect(after).toMatchObject({ mismatched: [], unrecorded: [], leftovers: [] });
    expect(after.entries).toBeGreaterThanOrEqual(1);
  });

  it('Ctrl-C: exit 130, and the manifest records every letter written', async () => {
    tmp = tempDir();
    const out = join(tmp.path, 'out');
    const run = start([specs(tmp.path, 'a', 40), '--out', out, '--format', 'md,docx'], { OEDR_JOBS: '1' });
    await untilJournal(out);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.err).toBe(130);
    expect(r.err).toMatch(/oedr draft: stopped by SIGINT; \S*oedr-manifest.json records the \d+ letters? written before/);
    const after = agreement(out);
    expect(after).toMatchObject({ mismatched: [], unrecorded: [], leftovers: [] });
    expect(after.entries).toBeGreaterThanOrEqual(1);
    expect(after.entries).toBeLessThan(40);
  });
});

describe('all or none (defect 7)', () => {
  it('when one file cannot be written, none of the others is', () => {
    tmp = tempDir();
    writeFileSync(join(tmp.path, 'blocker'), '');
    const files = [{ path: join(tmp.path, 'a.md'), bytes: Buffer.from('a') }, { path: join(tmp.path, 'blocker', 'b.md'), bytes: Buffer.from('b') }];
    expect(() => writeFilesAtomicSync(files)).toThrow(/is a file, not a folder/);
    expect(readdirSync(tmp.path)).toEqual(['blocker']);
  });

  it('a folder in the way of the last file stops the spec before any file is renamed', async () => {
    tmp = tempDir();
    const out = join(tmp.path, 'out');
    mkdirSync(join(out, 'r.presidential-election-results-by-polling-station.template.csv'), { recursive: true });
    cpSync(join(root, 'examples/polling-station-results.yaml'), join(tmp.path, 'r.yaml'));
    const r = await runCli('draft', join(tmp.path, 'r.yaml'), '--out', out, '--format', 'md,docx');
    expect(r.code).toBe(3);
    expect(r.err).toContain("none of this spec's files were written");
    expect(readdirSync(out).filter((n) => !n.startsWith('r.presidential'))).toEqual([]);
  });

  it.each([['a'.repeat(218)], ['con'], ['nul'], ['lpt1']])('validate refuses the recipient id %s, which cannot name a file', async (id) => {
    tmp = tempDir();
    const spec = readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8')
      .replace(/^recipient:\n(?: .*\n)+/m, `recipients:\n  - id: ${id}\n    institution: National Election Commission\n`);
    writeFileSync(join(tmp.path, 'r.yaml'), spec);
    const v = await runCli('validate', join(tmp.path, 'r.yaml'));
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/recipients\[0\]\.id: expected an id (of at most 64 characters|that is not a device name on Windows)/);
    const d = await runCli('draft', join(tmp.path, 'r.yaml'), '--out', join(tmp.path, 'out'));
    expect(d.code).toBe(1);
    expect(existsSync(join(tmp.path, 'out'))).toBe(false);
  });
});

describe('every command that writes: a failed write leaves no file of the set and no temp file', () => {
  const example = join(root, 'examples/polling-station-results.yaml');
  // Each command, and the output to block with a folder (the last file of its set, where it has several).
  const table: { name: string; argv: (dir: string) => string[]; blocked: string; code: number }[] = [
    { name: 'draft', argv: (d) => ['draft', join(d, 'r.yaml'), '--out', join(d, 'out'), '--format', 'md,docx,pdf'], blocked: 'out/r.presidential-election-results-by-polling-station.template.csv', code: 3 },
    { name: 'check --follow-up', argv: (d) => ['check', join(d, 'data.csv'), '--against', join(d, 'r.yaml'), '--follow-up', '--out', join(d, 'out'), '--format', 'md,docx,pdf'], blocked: 'out/r-check-follow-up.pdf', code: 3 },
    { name: 'calendar --out', argv: (d) => ['calendar', join(root, 'examples/campaign-finance-foi.yaml'), '--out', join(d, 'out/x.ics')], blocked: 'out/x.ics', code: 3 },
    { name: 'schema --out', argv: (d) => ['schema', '--out', join(d, 'out/s.json')], blocked: 'out/s.json', code: 3 },
    { name: 'init', argv: (d) => ['init', join(d, 'out/new.yaml'), '--force'], blocked: 'out/new.yaml', code: 3 },
  ];
  it.each(table.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    tmp = tempDir();
    cpSync(example, join(tmp.path, 'r.yaml'));
    writeFileSync(join(tmp.path, 'data.csv'), 'polling_station_code\nX\n');
    mkdirSync(join(tmp.path, t.blocked), { recursive: true });
    const r = await runCli(...t.argv(tmp.path));
    expect(r.code, r.out + r.err).toBe(t.code);
    expect(readdirSync(join(tmp.path, 'out')).filter((n) => join('out', n) !== t.blocked)).toEqual([]);
  });
});
