// Every file oedr reads, in every command, refuses what it cannot read in the same way: a FIFO, a
// link to a device, a folder, a link loop, a missing file and (for text) UTF-16 each exit 3 within
// seconds and name the file. Run as child processes: a FIFO read by mistake blocks the thread.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../helpers.js';

const bin = join(root, 'bin/oedr.js');
const base = mkdtempSync(join(tmpdir(), 'oedr-faults-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

type Fault = 'fifo' | 'device' | 'folder' | 'loop' | 'missing' | 'utf16';
const textFaults: Fault[] = ['fifo', 'device', 'folder', 'loop', 'missing', 'utf16'];

/** Puts the fault at `path` (mkfifo through the shell: Node has no mkfifo). */
async function plant(path: string, fault: Fault): Promise<void> {
  if (fault === 'fifo') await run('mkfifo', [path]);
  else if (fault === 'device') symlinkSync('/dev/zero', path);
  else if (fault === 'folder') mkdirSync(path);
  else if (fault === 'loop') { symlinkSync(`${path}.b`, path); symlinkSync(path, `${path}.b`); }
  else if (fault === 'utf16') writeFileSync(path, Buffer.from('\ufeffletter:\n  kind: data-request\n', 'utf16le'));
}

function run(cmd: string, args: string[], cwd = base): Promise<{ code: number | null; text: string; ms: number }> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', OEDR_JOBS: '1' } });
    let text = '';
    child.stdout.on('data', (b) => (text += b));
    child.stderr.on('data', (b) => (text += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => { clearTimeout(timer); done({ code, text, ms: Date.now() - started }); });
  });
}

const LAWS = 'laws:\n  - code: XX\n';
/** Each input of each command: the file to spoil, and the command line that reads it. */
const inputs: { name: string; file: string; argv: string[]; faults?: Fault[] }[] = [
  ...['validate', 'draft', 'calendar'].map((cmd) => ({ name: `${cmd} spec`, file: 'spec.yaml', argv: [cmd, '@spec.yaml'] })),
  ...['validate', 'draft', 'calendar'].flatMap((cmd) => [
    { name: `${cmd} profile`, file: '_profile.yaml', argv: [cmd, '@results-2027.yaml'] },
    { name: `${cmd} recipient list`, file: '_regional-offices.csv', argv: [cmd, '@results-2027.yaml'] },
    { name: `${cmd} --laws`, file: 'laws.yaml', argv: [cmd, '@results-2027.yaml', '--laws', '@laws.yaml'] },
  ]),
  { name: 'laws --laws', file: 'laws.yaml', argv: ['laws', '--laws', '@laws.yaml'] },
  { name: 'deadline --laws', file: 'laws.yaml', argv: ['deadline', '--law', 'KE', '--from', '2027-01-04', '--laws', '@laws.yaml'] },
  { name: 'check --against', file: 'spec.yaml', argv: ['check', '@data.csv', '--against', '@spec.yaml'] },
  { name: 'check --against profile', file: '_profile.yaml', argv: ['check', '@data.csv', '--against', '@results-2027.yaml'] },
  // A folder named as the delivery is read as one (issue 18): an empty one is a difference (exit 1), not an unreadable file.
  { name: 'check delivered file', file: 'data.csv', argv: ['check', '@data.csv', '--against', '@results-2027.yaml'], faults: ['fifo', 'device', 'loop', 'missing'] },
  { name: 'check --summary', file: 'sum.csv', argv: ['check', '@data.csv', '--summary', '@sum.csv', '--against', '@results-2027.yaml'], faults: ['fifo', 'device', 'folder', 'loop', 'missing'] },
  { name: 'draft template', file: 't/data-request.md.hbs', argv: ['draft', '@results-2027.yaml', '--template-dir', '@t', '--format', 'md'], faults: ['fifo', 'device', 'folder', 'loop', 'utf16'] },
  { name: 'draft partial', file: 't/partials/fields.md.hbs', argv: ['draft', '@results-2027.yaml', '--template-dir', '@t', '--format', 'md'], faults: ['fifo', 'device', 'folder', 'loop', 'utf16'] },
  { name: 'draft words.yaml', file: 't/words.yaml', argv: ['draft', '@results-2027.yaml', '--template-dir', '@t', '--format', 'md'], faults: ['fifo', 'device', 'folder', 'utf16'] },
  { name: 'templates words.yaml', file: 't/words.yaml', argv: ['templates', '--template-dir', '@t'], faults: ['fifo', 'device', 'folder', 'utf16'] },
];

const cases = inputs.flatMap((input) => (input.faults ?? textFaults).map((fault) => ({ ...input, fault })));

/**
 * All cases in one child process, one after the other, through the built CLI's main() with captured
 * output: one process start instead of a hundred. A case that hangs stops the child, and the test fails.
 */
const RUNNER = `
const { writeSync } = await import('node:fs');
const { main } = await import(process.argv[1]);
const cases = JSON.parse(process.argv[2]);
for (const c of cases) {
  process.chdir(c.dir);
  let text = '';
  const io = { out: (t) => { text += t + '\\n'; }, err: (t) => { text += t + '\\n'; }, color: { level: 0 }, interactive: false };
  const { Chalk } = await import(process.argv[3]);
  io.color = new Chalk({ level: 0 });
  const started = Date.now();
  const code = await main(c.argv, io);
  // One line per case as it ends, so that the cases before a hang are still judged.
  writeSync(1, JSON.stringify({ code, text, ms: Date.now() - started }) + '\\n');
}
`;

describe('a file that cannot be read exits 3, names the file and never hangs', async () => {
  const dirs = await Promise.all(cases.map(async (c, n) => {
    const dir = join(base, String(n));
    cpSync(join(root, 'examples/batch'), dir, { recursive: true });
    cpSync(join(root, 'examples/polling-station-results.yaml'), join(dir, 'spec.yaml'));
    writeFileSync(join(dir, 'laws.yaml'), LAWS);
    writeFileSync(join(dir, 'data.csv'), 'constituency_code\n047\n');
    writeFileSync(join(dir, 'sum.csv'), 'candidate_id,candidate_votes\nP03,1\n');
    mkdirSync(join(dir, 't', 'partials'), { recursive: true });
    rmSync(join(dir, c.file), { recursive: true, force: true });
    await plant(join(dir, c.file), c.fault);
    return dir;
  }));
  const chalk = join(root, 'node_modules/chalk/source/index.js');
  const r = await run(process.execPath, ['--input-type=module', '-e', RUNNER, join(root, 'dist/bundle/main.js'),
    // Files by absolute path: the CLI caches what it read (a laws file) by path, per process.
    JSON.stringify(cases.map((c, i) => ({ dir: dirs[i], argv: c.argv.map((a) => (a.startsWith('@') ? join(dirs[i]!, a.slice(1)) : a)) }))), chalk]);
  const results = r.text.split('\n').flatMap((line) => { try { return [JSON.parse(line) as { code: number; text: string }]; } catch { return []; } });

  it('runs every case to the end', () => expect(r.code, r.text.slice(-2000)).toBe(0));
  it.each(cases.map((c, i) => [`${c.name}: ${c.fault}`, c, i] as const))('%s', (_label, c, i) => {
    const got = results[i];
    expect(got, 'the run hung or crashed before this case').toBeDefined();
    if (!got) return;
    expect({ code: got.code, names: got.text.includes(c.file.split('/').pop()!) }, got.text).toEqual({ code: 3, names: true });
    expect(got.text).not.toMatch(/internal error|\n\s+at /);
    if (c.fault === 'utf16') expect(got.text).toMatch(/UTF-16/);
  });
});
