// Shared test helpers: load a fixture spec, capture CLI output, make temp folders, write the request
// for the New Hampshire precinct results that the check tests deliver.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { loadSpec } from '../src/spec/load.js';
import type { RequestSpec } from '../src/spec/schema.js';

export const root = new URL('..', import.meta.url).pathname;
export const fixture = (name: string) => join(root, 'tests/fixtures', name);

export async function specFrom(file: string): Promise<RequestSpec> {
  const loaded = await loadSpec(file);
  if (!loaded.spec) throw new Error(`fixture ${file} is invalid: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.spec;
}

export function captureIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), color: new Chalk({ level: 0 }), interactive: false };
}

export function tempDir(): { path: string; done: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'oedr-test-'));
  return { path, done: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs `oedr ARGV` in-process with captured, colourless output. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** Whether LibreOffice (soffice) is installed, for the tests that lay a DOCX out as Word would. */
export function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 20000 });
    return true;
  } catch {
    return false;
  }
}

/** A requested field as a line of YAML: `field('votes', ', type: integer')`. */
export const field = (name: string, extra = '') => `      - { name: ${name}, description: The ${name}${extra} }`;

/** The seven columns of the OpenElections New Hampshire precinct files (fixtures/delivered, ../shared/data), as requested. */
export const nhFields = [
  field('county', ', required: true'), field('precinct', ', required: true'), field('office'), field('district'),
  field('party'), field('candidate', ', required: true'), field('votes', ', type: integer, required: true'),
];

/** A request for the NH results by precinct with these fields, `extra` lines added to the dataset. */
export const nhSpecText = (fields = nhFields, extra = '') => `letter: { date: 2027-03-01, subject: Request for precinct results }
requester: { organisation: Example Election Watch, email: data@example.org, signatory: { name: A. N. Other } }
recipient: { institution: Secretary of State }
datasets:
  - title: Results by precinct
    description: Votes per candidate at each precinct.
    granularity: polling-station
${extra}    fields:
${fields.join('\n')}
`;
