// Recipient lists: one letter per recipient, read back from the Markdown; errors at the CSV or YAML
// cell; the manifest follows the profile and the list; the same input gives the same bytes.
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/errors.js';
import { parseCsv } from '../../src/spec/csv.js';
import { listedRecipientIds, loadSpec } from '../../src/spec/load.js';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
let n = 0;

/** A copy of examples/batch with some files replaced or edited. */
function batch(edit: Record<string, (text: string) => string> = {}): string {
  const dir = join(tmp.path, `batch-${++n}`);
  cpSync(join(root, 'examples/batch'), dir, { recursive: true });
  for (const [name, f] of Object.entries(edit)) {
    const file = join(dir, name);
    writeFileSync(file, f((() => { try { return readFileSync(file, 'utf8'); } catch { return ''; } })()));
  }
  return dir;
}

async function messages(dir: string, spec = 'results-2027.yaml') {
  const loaded = await loadSpec(join(dir, spec));
  return loaded.diagnostics.map((d) => formatDiagnostic(d).replaceAll(`${dir}/`, ''));
}

describe('CSV', () => {
  test('quoted values hold commas, line breaks and doubled quotes; each cell knows where it starts', () => {
    const csv = parseCsv('id,address\r\na,"1 Main St, ""Old"" Town\nLakeport"\r\n\r\nb,x\n', 'f.csv');
    expect(csv.diagnostics).toEqual([]);
    expect(csv.rows.map((r) => r.map((c) => c.value))).toEqual([['id', 'address'], ['a', '1 Main St, "Old" Town\nLakeport'], ['b', 'x']]);
    expect(csv.rows[2]!.map((c) => [c.line, c.col])).toEqual([[5, 1], [5, 3]]);
  });

  test('a stray quote and an unclosed one are errors at their place', () => {
    expect(parseCsv('id\nab"c\n', 'f.csv').diagnostics.map(formatDiagnostic)).toEqual([
      'f.csv:2:3: a double quote inside a value that does not start with one; put the whole value in double quotes and write the quote as "" [csv-syntax]',
    ]);
    expect(parseCsv('id,x\nā,"open\n', 'f.csv').diagnostics.map(formatDiagnostic)).toEqual([
      'f.csv:2:3: this quoted value has no closing double quote; end it with " (write a quote inside it as "") [csv-syntax]',
    ]);
  });
});

describe('recipient errors', () => {
  test('a bad cell in the CSV is reported at its line and column, with the recipient\'s path', async () => {
    const dir = batch({ '_regional-offices.csv': (t) => t.replace('coast@electoral-commission.example', 'coast(at)example').replace('nyeri,', 'Nyeri Town,') });
    expect(await messages(dir)).toEqual([
      '_regional-offices.csv:6:10 recipients[1].email: expected an email address such as name@example.org; got "coast(at)example" [format]',
      '_regional-offices.csv:7:1 recipients[2].id: expected an id of lower-case letters, digits and single hyphens, such as nairobi or rift-valley; got "Nyeri Town" [recipient-id]',
    ]);
  });

  test('unknown columns, short rows and repeated ids', async () => {
    expect(await messages(batch({ '_regional-offices.csv': (t) => t.replace('salutation', 'salutaton') }))).toEqual([
      '_regional-offices.csv:1:36: unknown column `salutaton` (did you mean `salutation`?) [unknown-column]',
    ]);
    expect(await messages(batch({ '_regional-offices.csv': () => 'id,institution\nnorth,North Office\nsouth\n' }))).toEqual([
      '_regional-offices.csv:3:1: expected 2 cells, as in the header row, got 1 [csv-row-length]',
    ]);
    expect(await messages(batch({ '_regional-offices.csv': () => 'id,institution\nnorth,North Office\nnorth,Other Office\n' }))).toEqual([
      '_regional-offices.csv:3:1 recipients[1].id: expected a new id, got `north`, already used by recipients[0]; each recipient needs its own id, as it names the letter\'s file [recipient-id-unique]',
    ]);
  });

  test('a YAML recipient list, and one written in the spec, report at the YAML value', async () => {
    const yaml = '- id: north\n  institution: North Office\n  level: provincial\n- id: south\n  institution: South Office\n  emial: south@example.test\n';
    const inFile = batch({ '_offices.yaml': () => yaml, 'results-2027.yaml': (t) => t.replace('recipients: _regional-offices.csv', 'recipients: _offices.yaml') });
    expect(await messages(inFile)).toEqual([
      '_offices.yaml:3:10 recipients[0].level: expected one of national, regional, local; got "provincial" [enum]',
      '_offices.yaml:6:3 recipients[1].emial: unknown key `emial` (did you mean `email`?) [unknown-key]',
    ]);
    const inline = batch({ 'results-2027.yaml': (t) => t.replace('recipients: _regional-offices.csv', `recipients:\n  - id: north\n    institution: North Office\n    law: kenya`) });
    expect(await messages(inline)).toEqual([
      'results-2027.yaml:11:10 recipients[0].law: expected a two-letter country code in capitals, such as KE; got "kenya" [format]',
    ]);
  });

  test('`recipient` and `recipients` together, a missing list and a file of the wrong kind', async () => {
    expect(await messages(batch({ 'results-2027.yaml': (t) => `${t}recipient:\n  institution: Commission\n` }))).toEqual([
      'results-2027.yaml:37:1 recipient: expected either `recipient` (one letter) or `recipients` (one letter each), not both; move this recipient into the list [recipient-and-recipients]',
    ]);
    expect(await messages(batch({ 'results-2027.yaml': (t) => t.replace('recipients: _regional-offices.csv', 'recipients: _missing.csv') }))).toEqual([
      'results-2027.yaml:8:13 recipients: cannot read the recipient list "_missing.csv" (_missing.csv): no such file [file-missing]',
    ]);
    expect(await messages(batch({ 'results-2027.yaml': (t) => t.replace('recipients: _regional-offices.csv', 'recipients: _offices.txt') }))).toEqual([
      'results-2027.yaml:8:13 recipients: expected a list of recipients, or the path of a .csv or .yaml file holding them (e.g. _regional-offices.csv); got "_offices.txt" [type]',
    ]);
  });
});

describe('drafting letters for recipients', () => {
  test('one letter per recipient, named <spec>-<id>, with its own reference, address and greeting', async () => {
    const dir = batch();
    const out = join(dir, 'letters');
    const r = await runCli('draft', dir, '--format', 'md', '--out', out, '--no-annex');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['oedr-manifest.json', 'results-2027-coast.md', 'results-2027-kisumu.md', 'results-2027-nairobi.md', 'results-2027-nyeri.md']);
    const nyeri = readFileSync(join(out, 'results-2027-nyeri.md'), 'utf8');
    expect(nyeri).toContain('Our reference: CEW/2027/021-nyeri');
    expect(nyeri).toContain('Ms. Wanjirũ Ng\'ang\'a\\\nRegional Election Coordinator\\\nCentral Regional Office\\\nNational Electoral Commission\\\nKimathi Way, Block C\\\nHilltown');
    expect(nyeri).toContain('Dear Ms Ng\'ang\'a,');
    expect(nyeri).toContain('Citizens\' Election Watch'); // from the profile
    expect(readFileSync(join(out, 'results-2027-nairobi.md'), 'utf8')).toContain('Our reference: CEW/2027/021-nairobi');

    const manifest = JSON.parse(readFileSync(join(out, 'oedr-manifest.json'), 'utf8'));
    expect(manifest.letters.map((l: { recipient: string }) => l.recipient)).toEqual(['coast', 'kisumu', 'nairobi', 'nyeri']);
    expect(manifest.letters[0].sources.map((s: { file: string }) => s.file.split('/').at(-1))).toEqual(['results-2027.yaml', '_profile.yaml', '_regional-offices.csv']);
    expect(manifest.letters[0].outputs.md.file).toBe('results-2027-coast.md');
  });

  test('the same input gives the same bytes, letters and manifest alike', async () => {
    const dir = batch();
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    expect((await runCli('draft', join(dir, 'results-2027.yaml'), '--format', 'md,pdf,docx', '--out', a)).code).toBe(0);
    expect((await runCli('draft', join(dir, 'results-2027.yaml'), '--format', 'md,pdf,docx', '--out', b)).code).toBe(0);
    const files = readdirSync(a).sort();
    // 4 letters x (DOCX, PDF, MD, the data contract's datapackage.json and CSV template) + the manifest.
    expect(files).toHaveLength(21);
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  test('a change to the profile changes the recorded hash and makes --check fail', async () => {
    const dir = batch();
    const out = join(dir, 'letters');
    expect((await runCli('draft', dir, '--format', 'md', '--out', out)).code).toBe(0);
    const hash = () => JSON.parse(readFileSync(join(out, 'oedr-manifest.json'), 'utf8')).letters[0].sha256;
    const before = hash();
    expect((await runCli('draft', dir, '--format', 'md', '--out', out, '--check')).code).toBe(0);

    writeFileSync(join(dir, '_profile.yaml'), readFileSync(join(dir, '_profile.yaml'), 'utf8').replace('Joseph Otieno Mbeki', 'Grace Akinyi'));
    const check = await runCli('draft', dir, '--format', 'md', '--out', out, '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain(`${join(out, 'results-2027-coast.md')}: out of date; run oedr draft without --check to update it [check]`);
    expect(check.err).toContain(`${join(out, 'oedr-manifest.json')}: out of date`);
    expect((await runCli('draft', dir, '--format', 'md', '--out', out)).code).toBe(0);
    expect(hash()).not.toBe(before);
  });

  test('a letter name that another spec already writes is a clash, found before any work', async () => {
    const dir = batch({ 'results-2027-coast.yaml': () => readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8') });
    const r = await runCli('draft', dir, '--format', 'md', '--out', join(dir, 'letters'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'results-2027.yaml')}: the output name "results-2027-coast" is already used by ${join(dir, 'results-2027-coast.yaml')}; rename one of the specs or change the recipient id [output-clash]`);
  });

  test('an invalid spec with a recipient list claims only its own name, so it is no clash with a letter name', async () => {
    const dir = batch({
      'results-2027.yaml': (t) => t.replace(/^purpose:/m, 'porpose:'),
      'results-2027-coast.yaml': () => readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8'),
    });
    const r = await runCli('draft', dir, '--format', 'md', '--out', join(dir, 'letters'));
    expect(r.code).toBe(1);
    expect(r.err).not.toContain('[output-clash]');
    expect(r.err).toContain('porpose');
    expect(readdirSync(join(dir, 'letters')).filter((f) => f.endsWith('.md'))).toEqual(['results-2027-coast.md']);
  });

  test('the ids are read without checking the spec, from the list its profile names', () => {
    const dir = batch({ 'results-2027.yaml': (t) => t.replace(/^purpose:/m, 'porpose:') });
    const ids = parseCsv(readFileSync(join(dir, '_regional-offices.csv'), 'utf8'), 'f.csv').rows.slice(1).map((r) => r[0]!.value);
    expect(ids.length).toBeGreaterThan(1);
    expect(listedRecipientIds(join(dir, 'results-2027.yaml'))).toEqual(ids);
    expect(listedRecipientIds(join(root, 'examples/polling-station-results.yaml'))).toBeUndefined();
    expect(listedRecipientIds(join(dir, 'no-such.yaml'))).toBeUndefined();
  });

  test('validate reports profile and recipient errors', async () => {
    const dir = batch({ '_profile.yaml': (t) => t.replace('registered_in: KE', 'registered_in: Kenya') });
    const r = await runCli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.err.replaceAll(`${dir}/`, '')).toContain('_profile.yaml:19:18 requester.registered_in: expected a two-letter country code in capitals, such as KE; got "Kenya" [format]');
  });
});
