// Errors that say the fix: the common slips of a first spec, each read back as the exact message
// `oedr validate` prints, with its line and column.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const example = readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8');

/** The example with one line replaced; the one error validate prints for it. */
async function errorFor(from: string, to: string): Promise<string> {
  expect(example).toContain(from);
  const file = join(tmp.path, 'spec.yaml');
  writeFileSync(file, example.replace(from, to));
  const r = await runCli('validate', file);
  expect(r.code).toBe(1);
  return r.err.replace(`${file}:`, '');
}

describe('a value written the way another tool or country writes it', () => {
  test.each([
    ['    delimiter: ","', '    delimiter: semicolon', '72:16 datasets[0].delimiter: expected exactly one character (write a tab as "\\t"); got "semicolon" (did you mean ";"? write delimiter: ";") [too-big]'],
    ['    delimiter: ","', '    delimiter: Tab', '72:16 datasets[0].delimiter: expected exactly one character (write a tab as "\\t"); got "Tab" (did you mean "\\t"? write delimiter: "\\t") [too-big]'],
    ['    encoding: UTF-8', '    encoding: utf8', '71:15 datasets[0].encoding: expected one of UTF-8, UTF-16LE, UTF-16BE, ASCII, ISO-8859-1, ISO-8859-2 ... (25 names; see `oedr schema`); got "utf8" (did you mean `UTF-8`?) [enum]'],
    ['    encoding: UTF-8', '    encoding: windows-1252', '71:15 datasets[0].encoding: expected one of UTF-8, UTF-16LE, UTF-16BE, ASCII, ISO-8859-1, ISO-8859-2 ... (25 names; see `oedr schema`); got "windows-1252" (did you mean `Windows-1252`?) [enum]'],
    ['    granularity: polling-station', '    granularity: precinct', '77:18 datasets[0].granularity: expected one of national, region, district, constituency, municipality, ward, polling-centre, polling-station, stream, individual-record; got "precinct" (did you mean `polling-station`?) [enum]'],
    ['    granularity: polling-station', '    granularity: polling place', '77:18 datasets[0].granularity: expected one of national, region, district, constituency, municipality, ward, polling-centre, polling-station, stream, individual-record; got "polling place" (did you mean `polling-centre`?) [enum]'],
    ['    granularity: polling-station', '    granularity: County', '77:18 datasets[0].granularity: expected one of national, region, district, constituency, municipality, ward, polling-centre, polling-station, stream, individual-record; got "County" (did you mean `region`?) [enum]'],
    ['        type: datetime', '        type: timestamp', '131:15 datasets[0].fields[11].type: expected one of string, integer, number, boolean, date, datetime, year, geopoint; got "timestamp" (did you mean `datetime`?) [enum]'],
  ])('%s -> %s', async (from, to, message) => {
    expect(await errorFor(from, to)).toBe(message);
  });

  test('type: int -> integer', async () => {
    const file = join(tmp.path, 'int.yaml');
    writeFileSync(file, example.replace('        type: integer\n', '        type: int\n'));
    const r = await runCli('validate', file);
    expect(r.err).toBe(`${file}:103:15 datasets[0].fields[5].type: expected one of string, integer, number, boolean, date, datetime, year, geopoint; got "int" (did you mean \`integer\`?) [enum]`);
  });

  test('law: ke -> KE', async () => {
    expect(await errorFor('\nletter:\n', '\nlaw: ke\nletter:\n')).toBe('10:6 law: expected a two-letter country code in capitals, such as KE; got "ke" (did you mean `KE`?) [format]');
  });
});

test('a comma inside { … } that split the value: put the value in quotes', async () => {
  const err = await errorFor('      - name: rejected_ballots\n', '      - { name: ward, description: Town, ward or precinct }\n      - name: rejected_ballots\n');
  expect(err).toBe('111:42 datasets[0].fields[7].ward or precinct: unknown key `ward or precinct`; inside `{ … }` a comma ends a value, so `description` was read as "Town" and `ward or precinct` as a key: put the value in quotes, description: "Town, ward or precinct" [unknown-key]');
  // As the message says: quoted, it is one value.
  expect(await runCli('validate', writeSpec('quoted.yaml', example.replace('      - name: rejected_ballots\n', '      - { name: ward, description: "Town, ward or precinct" }\n      - name: rejected_ballots\n')))).toMatchObject({ code: 0 });
});

describe('a recipient list saved in another encoding', () => {
  const batch = (csv: Buffer) => {
    for (const f of ['results-2027.yaml', '_profile.yaml']) copyFileSync(join(root, 'examples/batch', f), join(tmp.path, f));
    writeFileSync(join(tmp.path, '_regional-offices.csv'), csv);
    return join(tmp.path, 'results-2027.yaml');
  };
  const csv = readFileSync(join(root, 'examples/batch/_regional-offices.csv'), 'utf8').replace('Nairobi Regional Office', 'Nairobi Régional Office');
  const resave = 'save it as UTF-8: in Excel, Save As "CSV UTF-8 (Comma delimited)"; in LibreOffice, Save As CSV with Character set "Unicode (UTF-8)"; in Google Sheets, Download as CSV';

  test('Windows-1252 (Excel\'s "CSV (Comma delimited)"): named, with how to save it as UTF-8', async () => {
    const r = await runCli('validate', batch(Buffer.from(csv, 'latin1')));
    expect(r.err).toBe(`${join(tmp.path, '_regional-offices.csv')}:2:48: the file is not UTF-8: byte 0xE9 is not valid UTF-8, and looks like Windows-1252, which Excel's "CSV (Comma delimited)" writes; ${resave} [file-not-utf8]`);
  });

  test('UTF-16 (Excel\'s "Unicode Text"): named as UTF-16', async () => {
    const spec = batch(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
    const r = await runCli('validate', spec);
    expect(r.err).toBe(`${spec}:8:13 recipients: cannot read the recipient list "_regional-offices.csv" (${join(tmp.path, '_regional-offices.csv')}): the file is UTF-16 (little endian), not UTF-8; save it as UTF-8 (in Notepad: Save as, Encoding "UTF-8"; or \`iconv -f UTF-16 -t UTF-8\`) [file-utf16]`);
  });
});

function writeSpec(name: string, text: string): string {
  const file = join(tmp.path, name);
  writeFileSync(file, text);
  return file;
}
