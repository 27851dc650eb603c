// `oedr init --interactive`, driven as a user at a terminal would: each answer typed once its
// question shows on the prompt's output stream. The spec it writes must validate with no warning,
// even under --strict, and say what was answered; without a terminal it refuses and writes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const DOWN = '\x1b[B';

/** Runs `oedr init --interactive FILE`, answering each question (matched on its text) in turn. */
async function interactive(file: string, answers: [question: string, keys: string][]) {
  const input = new PassThrough();
  const output = new PassThrough();
  // A terminal is never ended; inquirer ends its output when a prompt closes.
  output.end = () => output;
  let shown = '';
  output.on('data', (b: Buffer) => { shown += b.toString(); });
  const io = { ...captureIo(), prompt: { input, output } };
  const done = main(['init', '--interactive', file], io);
  for (const [question, keys] of answers) {
    await until(() => shown.includes(question), `the question "${question}"; the prompt showed:\n${shown}`);
    shown = '';
    input.write(keys);
  }
  return { code: await done, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`waited 5 s for ${what}`);
}

test('asks what a first request needs and writes a commented spec that validates under --strict', async () => {
  const file = join(tmp.path, 'request.yaml');
  const r = await interactive(file, [
    ['Your organisation', 'Elections Observation Group\r'],
    ['Email address', 'not an email\r'],
    ['expected an email address', '\x15data@elog.example\r'], // Ctrl-U clears the line, as in a terminal
    ['Who signs', 'Mary Wanjiku\r'],
    ['Their title', 'Chairperson\r'],
    ['The institution', '\r'], // the default
    ['Which data?', `${DOWN}\r`], // the second category: voter registration
    ['In which format?', '\r'],
    ['Why you need the data', 'We audit the voter register before the 2027 election.\r'],
    ['Date of the letter', '2027-02-01\r'],
    ['Needed by', '2027-02-05\r'],
    ['at least 10 days after 2027-02-01', '\x152027-06-30\r'],
    ['A data request, or a formal', `${DOWN}\r`],
    ['The law, by country code', 'ke\r'],
  ]);
  expect(r).toMatchObject({ code: 0, err: '' });
  expect(r.out).toBe(`wrote ${file}; check it, then run: oedr validate ${file} && oedr draft ${file}`);
  const spec = readFileSync(file, 'utf8');
  expect(spec).toContain('organisation: "Elections Observation Group"');
  expect(spec).toContain('  kind: foi-request');
  expect(spec).toContain('law: KE');
  expect(spec).toContain('    category: voter-registration');
  expect(spec).toContain('institution: "National Election Commission"');
  expect(spec).toMatch(/^# An oedr request spec, written by `oedr init --interactive`/);
  // Kenya's law admits citizens only: the guided spec does not yet ask who the requester is under
  // it, so validate says what to add (requester.standing); nothing else is left to fix.
  const checked = await runCli('validate', file);
  expect(checked.code).toBe(0);
  expect(checked.err.split('\n').map((l) => l.replace(/^.*\[([a-z-]+)\]$/, '$1'))).toEqual(['law-standing']);
  const drafted = await runCli('draft', file, '--out', join(tmp.path, 'out'), '--format', 'md');
  expect(drafted.code).toBe(0);
  expect(readFileSync(join(tmp.path, 'out/request.md'), 'utf8')).toContain('Mary Wanjiku');
});

test('a data request in CSV: no law, and the category\'s usual fields', async () => {
  const file = join(tmp.path, 'results.yaml');
  const r = await interactive(file, [
    ['Your organisation', 'Observers United\r'], ['Email address', 'info@observers.example\r'], ['Who signs', 'Ann Mutua\r'],
    ['Their title', 'Director\r'], ['The institution', '\x15Independent Electoral and Boundaries Commission\r'], ['Which data?', '\r'],
    ['In which format?', '\r'], ['Why you need the data', 'We compare the results with our tallies.\r'],
    ['Date of the letter', '2027-08-10\r'], ['Needed by', '2027-09-10\r'], ['A data request, or a formal', '\r'],
  ]);
  expect(r.code).toBe(0);
  const spec = readFileSync(file, 'utf8');
  expect(spec).toContain('  kind: data-request');
  expect(spec).not.toMatch(/^law:/m);
  expect(spec).toContain('- { name: polling_station_code, type: string,');
  expect(await runCli('validate', '--strict', file)).toEqual({ code: 0, out: `${file} is valid`, err: '' });
});

test('without a terminal it refuses and writes nothing; plain init still writes the starter', async () => {
  const file = join(tmp.path, 'no-tty.yaml');
  const r = await runCli('init', '--interactive', file);
  expect(r).toEqual({ code: 2, out: '', err: `${file}: --interactive asks its questions on a terminal, and there is none here; \`oedr init\` without it writes a starter spec to edit [no-terminal]` });
  expect(existsSync(file)).toBe(false);
  expect((await runCli('init', file)).code).toBe(0);
});
