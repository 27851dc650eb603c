// `oedr draft --annex`: the Data Package descriptor and header-row templates beside the letter,
// read back from disk (JSON, exact bytes, Windows-1252), in the manifest, covered by --check.
import { readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { encodeText } from '../../src/compose/encode.js';
import { runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const head = `letter: { date: 2027-03-01, reference: EW/2027/1, subject: Request for results }
requester: { organisation: Test Election Watch, email: data@example.test, signatory: { name: A. N. Tester } }
recipient: { institution: Election Commission }
datasets:
`;
const results = `  - title: Results by polling station
    description: Votes per candidate at each polling station.
    granularity: polling-station
    time_range: { from: 2027-08-09, to: 2027-08-12 }
    fields:
      - { name: polling_station_code, description: The code, required: true }
      - { name: "candidate, name", description: The candidate }
      - { name: votes, description: Votes, type: integer, required: true }
      - { name: share, description: Share of votes, type: number }
`;
const latin = (name: string) => `  - title: Électeurs inscrits
    description: Registered voters per commune.
    format: csv
    encoding: Windows-1252
    delimiter: ";"
    decimal_separator: ","
    as_of: 2027-06-30
    fields:
      - { name: ${name}, description: The commune, required: true }
      - { name: inscrits, description: Registered voters, type: integer }
      - { name: taux, description: Turnout, type: number }
`;
const pdf = `  - title: Minutes
    description: Scanned minutes.
    format: other
    format_description: PDF scans
`;

function spec(name: string, text: string): string {
  const file = join(tmp.path, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('draft --annex', () => {
  const file = spec('results', head + results + latin('Département') + pdf);
  const out = join(tmp.path, 'out');

  test('writes the descriptor and one template per CSV dataset, in the manifest, and --check covers them', async () => {
    const r = await runCli('draft', file, '--format', 'md', '--out', out, '--annex');
    expect(r.err).not.toContain('error');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'oedr-manifest.json', 'results.datapackage.json', 'results.electeurs-inscrits.template.csv', 'results.md',
      'results.results-by-polling-station.template.csv',
    ]);
    const pkg = JSON.parse(readFileSync(join(out, 'results.datapackage.json'), 'utf8'));
    expect(pkg.name).toBe('results');
    expect(pkg.resources.map((x: { name: string }) => x.name)).toEqual(['results-by-polling-station', 'electeurs-inscrits']);
    const [a, b] = pkg.resources;
    expect(a).toMatchObject({
      path: 'results.results-by-polling-station.template.csv', format: 'csv', encoding: 'utf-8',
      dialect: { delimiter: ',', quoteChar: '"', header: true, lineTerminator: '\r\n' },
      'oedr:temporalCoverage': { start: '2027-08-09', end: '2027-08-12' },
    });
    expect(a.schema.fields).toEqual([
      { name: 'polling_station_code', type: 'any', description: 'The code', constraints: { required: true } },
      { name: 'candidate, name', type: 'any', description: 'The candidate', constraints: { required: false } },
      { name: 'votes', type: 'integer', description: 'Votes', constraints: { required: true } },
      { name: 'share', type: 'number', description: 'Share of votes', constraints: { required: false } },
    ]);
    expect(b).toMatchObject({ encoding: 'windows-1252', dialect: { delimiter: ';' }, 'oedr:temporalCoverage': { asOf: '2027-06-30' } });
    expect(b.schema.fields[2]).toMatchObject({ type: 'number', decimalChar: ',' });

    expect(readFileSync(join(out, 'results.results-by-polling-station.template.csv'))).toEqual(
      Buffer.from('polling_station_code,"candidate, name",votes,share\r\n', 'utf8'));
    // Windows-1252: É is one byte, 0xC9; no BOM.
    expect([...readFileSync(join(out, 'results.electeurs-inscrits.template.csv'))]).toEqual(
      [0x44, 0xe9, 0x70, 0x61, 0x72, 0x74, 0x65, 0x6d, 0x65, 0x6e, 0x74, 0x3b, ...Buffer.from('inscrits;taux\r\n', 'latin1')]);

    const md = readFileSync(join(out, 'results.md'), 'utf8').replace(/\\/g, '');
    // The letter names the attachments by what they are, not by their long file names.
    expect(md).toContain('The attached template file and data package show exactly this.');
    expect(md).not.toContain('results.results-by-polling-station.template.csv');

    const manifest = JSON.parse(readFileSync(join(out, 'oedr-manifest.json'), 'utf8'));
    expect(Object.keys(manifest.letters[0].outputs)).toEqual(['md', 'datapackage', 'template.results-by-polling-station', 'template.electeurs-inscrits']);
    expect(manifest.letters[0].outputs.datapackage.file).toBe('results.datapackage.json');

    expect((await runCli('draft', file, '--format', 'md', '--out', out, '--annex', '--check')).code).toBe(0);
    rmSync(join(out, 'results.electeurs-inscrits.template.csv'));
    const stale = await runCli('draft', file, '--format', 'md', '--out', out, '--annex', '--check');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('results.electeurs-inscrits.template.csv: missing');
  });

  test('the same spec gives the same bytes', async () => {
    const again = join(tmp.path, 'again');
    await runCli('draft', file, '--format', 'md', '--out', again, '--annex');
    await runCli('draft', file, '--format', 'md', '--out', out, '--annex');
    for (const f of readdirSync(again)) expect(readFileSync(join(again, f))).toEqual(readFileSync(join(out, f)));
  });

  test('a template passes every check of `oedr check` against its own spec but the one it cannot: it has no rows', async () => {
    const r = await runCli('check', join(out, 'results.electeurs-inscrits.template.csv'), '--against', file, '--dataset', '2');
    // Nothing compared is never a pass (issue 14): a header row alone is one difference, and the only one.
    const marked = r.out.split('\n').filter((l) => /^ {2}[✓✗·!] /.test(l));
    expect(marked.filter((l) => !l.startsWith('  ✓'))).toEqual(['  ✗ rows       The file holds no rows of data, only the names of the columns: there is nothing to compare with the request.']);
    expect(marked.length).toBeGreaterThan(5);
    expect(r.code).toBe(1);
  });

  test('a field name the encoding cannot hold is refused, naming it, and nothing is written', async () => {
    const bad = spec('greek', head + latin('Περιφέρεια'));
    const dir = join(tmp.path, 'greek');
    const r = await runCli('draft', bad, '--format', 'md', '--out', dir, '--annex');
    expect(r.code).toBe(4);
    expect(r.err).toContain('datasets[0].fields[0].name: the field name "Περιφέρεια" holds "Π" (U+03A0), which the requested encoding Windows-1252 cannot hold');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  test('--no-annex, and specs without CSV, write the letter only', async () => {
    const dir = join(tmp.path, 'plain');
    await runCli('draft', file, '--format', 'md', '--out', dir, '--no-annex');
    await runCli('draft', spec('scans', head + pdf), '--format', 'md', '--out', dir, '--annex');
    expect(readdirSync(dir).sort()).toEqual(['oedr-manifest.json', 'results.md', 'scans.md']);
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).not.toContain('datapackage');
  });
});

describe('encodeText', () => {
  test('single-byte tables come from the decoder, without the Windows extras in ISO encodings', () => {
    const bytes = (t: string, e: string) => { const r = encodeText(t, e); return 'bytes' in r ? [...r.bytes] : r.missing; };
    expect(bytes('é€‘’Ÿ', 'Windows-1252')).toEqual([0xe9, 0x80, 0x91, 0x92, 0x9f]);
    expect(bytes('\u0081', 'Windows-1252')).toBe('\u0081');
    expect(bytes('é€', 'ISO-8859-1')).toBe('€');
    expect(bytes('Ğş', 'ISO-8859-9')).toEqual([0xd0, 0xfe]);
    expect(bytes('Область', 'KOI8-R')).toEqual([...new TextEncoder().encode('')].concat([0xef, 0xc2, 0xcc, 0xc1, 0xd3, 0xd4, 0xd8]));
    expect(bytes('code', 'Shift_JIS')).toEqual([0x63, 0x6f, 0x64, 0x65]);
    expect(bytes('é', 'ASCII')).toBe('é');
    expect(bytes('a', 'UTF-16BE')).toEqual([0xfe, 0xff, 0x00, 0x61]);
    // Decomposed accents are composed first: the spec may hold either form.
    expect(bytes('E\u0301', 'Windows-1252')).toEqual([0xc9]);
  });
});
