// Fuzz run (issue 14): fast-check, seeded and bounded, over specs, templates, recipient lists and
// delivered CSVs, through the whole CLI. Whatever the input: no crash (exit 70 or a stack trace), no
// hang (every case under a time limit), and no partial output (a failed draft writes nothing; a
// passed one writes every format).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
let n = 0;
const fresh = (name: string) => join(tmp.path, `${++n}-${name}`);
/** Seconds one case may take on a loaded machine; a quadratic path or a loop takes far longer. */
const LIMIT_MS = 20_000;
const RUNS = Number(process.env.OEDR_FUZZ_RUNS ?? 12);
const settings = (seed: number) => ({ seed, numRuns: RUNS, endOnFailure: true });

/** Strings that have broken parsers: controls, bidi, noncharacters, lone surrogates, markup of every kind. */
const odd = fc.oneof(
  fc.constantFrom('\x1b[2K', '\u202E', '\uFFFE', '\uD800', '\r', '\0', '{{', '}}', '{{{x}}}', '[x](javascript:a)', '*', '&a', '*a',
    '"', "'", ',', ';', '\n', '\t', '#', ': ', '- ', '|', '>', '!!binary', '~', 'null', '🗳', 'م', '\u0301', 'x'.repeat(300)),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);
const soup = fc.array(odd, { maxLength: 12 }).map((xs) => xs.join(''));

/** `text` with `insert` put in at a fraction `at` of its length. */
const splice = (text: string, at: number, insert: string, cut: number) => {
  const i = Math.floor(at * text.length);
  return text.slice(0, i) + insert + text.slice(i + cut);
};
const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), soup, fc.nat({ max: 8 }));

const example = readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8');
const formats = ['md', 'docx', 'pdf'];

/** Runs the CLI, timed; the exit code is never 70 (an internal error). */
async function run(...argv: string[]) {
  const start = performance.now();
  const r = await runCli(...argv);
  expect(performance.now() - start, `oedr ${argv.join(' ')}`).toBeLessThan(LIMIT_MS);
  expect(r.code, `${argv.join(' ')}\n${r.err}`).not.toBe(70);
  expect(r.err).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m); // no stack trace
  return r;
}

/** A draft writes all its files or none. */
async function draftAllOrNone(spec: string, ...extra: string[]) {
  const out = fresh('out');
  const r = await run('draft', spec, '--out', out, '--format', formats.join(','), ...extra);
  const written = existsSync(out) ? readdirSync(out) : [];
  if (r.code === 0) for (const f of formats) expect(written.some((w) => w.endsWith(`.${f}`)), `${f} of ${spec}`).toBe(true);
  else expect(written, r.err).toEqual([]);
  return r;
}

describe('fuzz, seeded and bounded', () => {
  test('specs: the example with odd text spliced in anywhere', async () => {
    await fc.assert(fc.asyncProperty(edit, async ([at, insert, cut]) => {
      const spec = fresh('spec.yaml');
      writeFileSync(spec, splice(example, at, insert, cut));
      const v = await run('validate', spec);
      expect([0, 1, 3]).toContain(v.code);
      await draftAllOrNone(spec);
    }), settings(1401));
  }, 600_000);

  test('templates: a letter template of Handlebars and Markdown soup', async () => {
    const pieces = fc.oneof(soup, fc.constantFrom('{{letter.subject}}', '{{{letter.subject}}}', '{{#each datasets}}{{title}}{{/each}}', '{{#if x}}', '{{/if}}',
      '{{> iccpr}}', '{{> (lookup . "a")}}', '{{log letter}}', '{{#with this as |x|}}{{x.a.b}}{{/with}}', '[a](file:///etc)', '| a |\n|---|\n| b |', '# H', '<b>'));
    await fc.assert(fc.asyncProperty(fc.array(pieces, { maxLength: 10 }), async (parts) => {
      const dir = fresh('templates');
      mkdirSync(join(dir, 'partials'), { recursive: true });
      writeFileSync(join(dir, 'data-request.md.hbs'), parts.join('\n'));
      const spec = fresh('spec.yaml');
      writeFileSync(spec, example);
      const r = await draftAllOrNone(spec, '--template-dir', dir);
      expect([0, 3, 4]).toContain(r.code);
    }), settings(1402));
  }, 600_000);

  test('recipient lists: the batch example with odd text spliced into its CSV', async () => {
    const csv = readFileSync(join(root, 'examples/batch/_regional-offices.csv'), 'utf8');
    await fc.assert(fc.asyncProperty(edit, async ([at, insert, cut]) => {
      const dir = fresh('batch');
      cpSync(join(root, 'examples/batch'), dir, { recursive: true });
      writeFileSync(join(dir, '_regional-offices.csv'), splice(csv, at, insert, cut));
      await draftAllOrNone(join(dir, 'results-2027.yaml'));
    }), settings(1403));
  }, 600_000);

  test('delivered CSVs: rows of odd cells, and raw bytes', async () => {
    const spec = fresh('spec.yaml');
    writeFileSync(spec, example);
    const header = 'polling_station_code,polling_station_name,registered_voters,ballots_cast';
    const cell = fc.oneof(soup, fc.integer().map(String));
    const csv = fc.oneof(
      fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }).map((rows) => [header, ...rows.map((r) => r.join(','))].join('\n')),
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    await fc.assert(fc.asyncProperty(csv, fc.boolean(), async (text, followUp) => {
      const file = fresh('delivered.csv');
      writeFileSync(file, Buffer.from(text, 'latin1'));
      const out = fresh('follow');
      const r = await run('check', file, '--against', spec, ...(followUp ? ['--follow-up', '--format', 'md,docx', '--out', out, '--date', '2027-09-01'] : []));
      expect([0, 1, 3, 4]).toContain(r.code);
      if (followUp && existsSync(out)) expect(readdirSync(out).length).toBe(2);
    }), settings(1404));
  }, 600_000);
});
