// The plain-words data annex goes to the reader who needs it: `letter.annex: auto` leaves it out for
// a technical office, `always`/`never` decide, follow-ups and appeals never carry it (nor the data
// contract files), and `--no-annex` leaves out the annex text as well as the contract files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { root, runCli, tempDir } from '../helpers.js';

const ANNEX = 'Annex: the file format in plain words';
let dir: { path: string; done: () => void };
beforeEach(() => { dir = tempDir(); });
afterEach(() => dir.done());

/** Drafts an example (changed by `change`) to Markdown; returns its text and whether a contract file was written. */
async function draft(example: string, change: (s: Record<string, any>) => void = () => {}, ...flags: string[]) {
  const s = parse(readFileSync(join(root, 'examples', `${example}.yaml`), 'utf8'));
  change(s);
  const file = join(dir.path, 'letter.yaml');
  writeFileSync(file, stringify(s));
  const out = join(dir.path, 'out');
  const r = await runCli('draft', file, '--format', 'md', '--out', out, ...flags);
  expect(r.err).toBe('');
  return { md: readFileSync(join(out, 'letter.md'), 'utf8'), contract: existsSync(join(out, 'letter.datapackage.json')) };
}

describe('the plain-words annex', () => {
  it('is left out for a technical office (Director, ICT) unless the spec asks for it', async () => {
    expect((await draft('polling-station-results')).md).not.toContain(ANNEX);
    expect((await draft('polling-station-results', (s) => { s.letter.annex = 'always'; })).md).toContain(ANNEX);
  });

  it('is included for a regional office head, unless the spec says never', async () => {
    expect((await draft('voter-registration-statistics')).md).toContain(ANNEX);
    expect((await draft('voter-registration-statistics', (s) => { s.letter.annex = 'never'; })).md).not.toContain(ANNEX);
  });

  it('is left out, text and contract files, with --no-annex', async () => {
    const r = await draft('voter-registration-statistics', (s) => { s.letter.annex = 'always'; }, '--no-annex');
    expect(r.md).not.toContain(ANNEX);
    expect(r.contract).toBe(false);
  });

  it('never goes with a follow-up, nor do the contract files', async () => {
    const r = await draft('voter-registration-statistics', (s) => { s.letter.kind = 'follow-up'; s.letter.annex = 'always'; s.earlier_request = { sent_on: '2027-01-10' }; }, '--annex');
    expect(r.md).not.toContain(ANNEX);
    expect(r.contract).toBe(false);
  });
});
