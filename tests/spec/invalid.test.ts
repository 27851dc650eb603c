// Every invalid fixture with the exact diagnostics it must produce: rule, place, path and message.
// The messages are part of the interface: a newcomer reads them to fix the file.
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode, OedrError, type Diagnostic } from '../../src/errors.js';
import { loadSpec, parseSpec } from '../../src/spec/load.js';
import { decodeSpec, MAX_SPEC_BYTES } from '../../src/spec/read.js';

const dir = new URL('../fixtures/invalid/', import.meta.url);

type Expected = [severity: 'error' | 'warning', rule: string, line: number, col: number, path: string | undefined, message: string];

const expected: Record<string, Expected[]> = {
  'alias-bomb': [
    ['error', 'alias-limit', 17, 8, undefined,
      'too many alias expansions (more than 100): the file looks like an alias bomb; write the values out instead of using *aliases'],
  ],
  'bad-date': [
    ['error', 'format', 3, 9, 'letter.date',
      'expected a real calendar date (YYYY-MM-DD); got "2027-02-30", a day that does not exist'],
  ],
  'bad-email': [
    ['error', 'format', 7, 10, 'requester.email',
      'expected an email address such as name@example.org; got "data(at)example.test"'],
  ],
  'bad-language': [
    ['error', 'format', 4, 13, 'letter.language',
      'expected a BCP 47 language tag such as en, fr or pt-BR; got "english_uk"'],
  ],
  'bad-url': [
    ['error', 'format', 8, 12, 'requester.website',
      'expected a web address starting with https://; got "www.example.test"'],
  ],
  'binary-tag': [
    ['error', 'unknown-tag', 12, 11, 'recipient.office',
      'the tag !!binary is not allowed; write plain YAML values without tags'],
  ],
  'comments-only': [
    ['error', 'empty-spec', 1, 1, undefined,
      'the file has no content; `oedr init` writes a starter spec'],
  ],
  'datasets-not-list': [
    ['error', 'type', 13, 3, 'datasets',
      'expected a list, got a mapping'],
  ],
  'date-wrong-order': [
    ['error', 'format', 3, 9, 'letter.date',
      'expected a date written YYYY-MM-DD; got "01/03/2027"'],
  ],
  'delete-by-before-letter': [
    ['error', 'delete-by-after-letter', 21, 18, 'datasets[0].privacy.delete_by',
      'the deletion date (2027-01-01) must be after the letter date (2027-03-01)'],
  ],
  'delimiter-equals-decimal': [
    ['error', 'dialect-distinct', 17, 24, 'datasets[0].decimal_separator',
      'expected decimal_separator to differ from the delimiter, got "," for both; choose different characters or the file cannot be read back'],
  ],
  'delimiter-equals-qualifier': [
    ['error', 'dialect-distinct', 16, 16, 'datasets[0].delimiter',
      'expected delimiter to differ from the default text_qualifier, got \'"\' for both; choose different characters or the file cannot be read back'],
  ],
  'delimiter-on-json': [
    ['error', 'dialect-needs-delimited', 17, 16, 'datasets[0].delimiter',
      '`delimiter` applies only to csv and tsv; this dataset\'s format is `json`'],
  ],
  'duplicate-field-names': [
    ['error', 'field-names-unique', 21, 15, 'datasets[0].fields[2].name',
      'expected a new field name, got `Votes_Cast`, already used by fields[0] as `votes_cast` (names are compared ignoring case); each field needs its own name'],
  ],
  'duplicate-yaml-key': [
    ['error', 'duplicate-key', 16, 5, 'datasets[0].needed_by',
      'the key `needed_by` appears twice in this mapping (first on line 15); keep one'],
  ],
  'empty-datasets': [
    ['error', 'too-small', 12, 11, 'datasets',
      'expected at least one dataset; got an empty list'],
  ],
  'empty-text': [
    ['error', 'empty-text', 12, 11, 'recipient.office',
      'expected text, got an empty string'],
  ],
  'encoding-on-xlsx': [
    ['error', 'encoding-needs-text', 17, 15, 'datasets[0].encoding',
      '`encoding` applies only to text formats (csv, tsv, json, xml, geojson); this dataset\'s format is `xlsx`'],
  ],
  'encoding-utf8': [
    ['error', 'enum', 16, 15, 'datasets[0].encoding',
      'expected one of UTF-8, UTF-16LE, UTF-16BE, ASCII, ISO-8859-1, ISO-8859-2 ... (25 names; see `oedr schema`); got "utf8" (did you mean `UTF-8`?)'],
  ],
  'foi-without-legal-basis': [
    ['error', 'foi-needs-legal-basis', 3, 9, 'letter.kind',
      'an foi-request must name the law it is made under; expected `law` (a code from `oedr laws`, e.g. KE) or `legal_basis` (e.g. "the Access to Information Act, 2016, section 4")'],
  ],
  'format-description-not-other': [
    ['error', 'other-format-described', 17, 25, 'datasets[0].format_description',
      'format_description is only used with format `other`; this dataset\'s format is `csv`'],
  ],
  'format-uppercase': [
    ['error', 'enum', 16, 13, 'datasets[0].format',
      'expected one of csv, tsv, json, xml, xlsx, ods, geojson, shapefile, other; got "CSV" (did you mean `csv`?)'],
  ],
  'leading-zero-code': [
    ['error', 'type', 12, 11, 'recipient.office',
      'expected text, got the number 1234 (written 01234); put the value in quotes so YAML keeps it as text'],
  ],
  'missing-key-in-list-item': [
    ['error', 'required', 19, 9, 'datasets[0].fields[1].description',
      'missing required key `description` (text)'],
  ],
  'missing-letter': [
    ['error', 'required', 1, 1, 'letter',
      'missing required key `letter` (a mapping of keys to values)'],
  ],
  'misspelt-key': [
    ['error', 'unknown-key', 17, 5, 'datasets[1].descripton',
      'unknown key `descripton` (did you mean `description`?)'],
  ],
  'multi-char-delimiter': [
    ['error', 'too-big', 16, 16, 'datasets[0].delimiter',
      'expected exactly one character (write a tab as "\\t"); got "||"'],
  ],
  'needed-by-before-letter': [
    ['error', 'needed-by-after-letter', 15, 16, 'datasets[0].needed_by',
      'the needed-by date (2027-02-15) must be after the letter date (2027-03-01)'],
  ],
  'needed-by-equal-letter': [
    ['error', 'needed-by-after-letter', 15, 16, 'datasets[0].needed_by',
      'the needed-by date (2027-03-01) must be after the letter date (2027-03-01)'],
  ],
  'needed-by-missing': [
    ['warning', 'needed-by-missing', 13, 5, 'datasets[0]',
      'no `needed_by` date: say when you need the data so the institution can plan for it'],
  ],
  'needed-by-soon': [
    ['warning', 'needed-by-soon', 15, 16, 'datasets[0].needed_by',
      'the needed-by date leaves only 7 days after the letter date; give the institution enough time (at least 10 days)'],
  ],
  'not-a-mapping': [
    ['error', 'type', 1, 1, undefined,
      'expected a mapping of keys to values, got a list of 2'],
  ],
  'null-and-string-items': [
    ['error', 'type', 15, 5, 'datasets[0].needed_by',
      'expected a date written YYYY-MM-DD, got an empty value'],
    ['error', 'type', 17, 9, 'datasets[0].fields[0]',
      'expected a mapping of keys to values, got "votes_cast"'],
    ['error', 'type', 18, 9, 'datasets[0].fields[1]',
      'expected a mapping of keys to values, got "rejected_ballots"'],
  ],
  'oedr-version': [
    ['error', 'value', 1, 7, 'oedr',
      'expected 1, got the number 2'],
  ],
  'other-format-undescribed': [
    ['error', 'other-format-described', 16, 13, 'datasets[0].format',
      'format `other` needs `format_description` saying which format you want'],
  ],
  'privacy-field-unknown': [
    ['error', 'privacy-field-known', 22, 18, 'datasets[0].privacy.may_mask[0]',
      'expected one of this dataset\'s field names, got `donor_adress` (did you mean `donor_address`?)'],
    ['error', 'privacy-field-known', 23, 21, 'datasets[0].privacy.may_exclude[0]',
      'expected one of this dataset\'s field names, got `national_id` (the fields are: donor_name, donor_address)'],
  ],
  'several-problems': [
    ['error', 'enum', 3, 9, 'letter.kind',
      'expected one of data-request, foi-request, follow-up, appeal; got "data-requst" (did you mean `data-request`?)'],
    ['error', 'format', 8, 10, 'requester.email',
      'expected an email address such as name@example.org; got "data@example"'],
    ['error', 'unknown-key', 13, 3, 'recipient.levl',
      'unknown key `levl` (did you mean `level`?)'],
    ['error', 'enum', 17, 13, 'datasets[0].format',
      'expected one of csv, tsv, json, xml, xlsx, ods, geojson, shapefile, other; got "CSV" (did you mean `csv`?)'],
    ['error', 'time-range-order', 20, 11, 'datasets[0].time_range.to',
      'the time range ends (2027-01-01) before it starts (2027-01-31)'],
    ['warning', 'needed-by-soon', 21, 16, 'datasets[0].needed_by',
      'the needed-by date leaves only 4 days after the letter date; give the institution enough time (at least 10 days)'],
  ],
  'tab-indent': [
    ['error', 'yaml-syntax', 17, 5, undefined,
      'invalid YAML: a tab is used for indentation; YAML allows only spaces'],
  ],
  'needed-by-before-period-ends': [
    ['warning', 'needed-by-before-period-ends', 15, 16, 'datasets[0].needed_by',
      'the data is needed by 2027-04-01, before the period it covers ends (2027-06-30); expected a needed-by date on or after the end of the time range, or a shorter range'],
  ],
  'time-range-reversed': [
    ['error', 'time-range-order', 18, 11, 'datasets[0].time_range.to',
      'the time range ends (2026-10-01) before it starts (2026-12-31)'],
  ],
  'two-documents': [
    ['error', 'multiple-documents', 16, 1, undefined,
      'the file holds more than one YAML document (a second `---`); put one request in each file'],
  ],
  'unknown-alias': [
    ['error', 'unknown-alias', 16, 21, 'datasets[0].summary_totals',
      'the alias *totals refers to no anchor &totals defined before it'],
  ],
  'unknown-key-no-match': [
    ['error', 'unknown-key', 16, 1, 'colour_scheme',
      'unknown key `colour_scheme`; expected one of: oedr, letter, requester, recipient, datasets, delivery, purpose, law, closures, earlier_request, legal_basis, open_government_partnership, fees'],
  ],
  'unknown-tag': [
    ['error', 'unknown-tag', 12, 11, 'recipient.office',
      'the tag !foo is not allowed; write plain YAML values without tags'],
  ],
  'unquoted-phone': [
    ['error', 'type', 8, 10, 'requester.phone',
      'expected text, got the number 722000000 (written 0722000000); put the value in quotes so YAML keeps it as text'],
  ],
  'wrong-types': [
    ['error', 'type', 16, 13, 'datasets[0].fields',
      'expected a list, got "votes_cast"'],
    ['error', 'type', 17, 17, 'datasets[0].header_row',
      'expected true or false, got "yes"; write true or false (YAML 1.2 reads yes/no and on/off as text)'],
    ['error', 'type', 18, 20, 'datasets[0].documentation',
      'expected true or false, got "true"; write true without quotes'],
  ],
  'yaml-bad-indent': [
    ['error', 'yaml-syntax', 3, 9, undefined,
      'invalid YAML: a value runs on into the next line as if it were part of it; check the indentation: the keys of one mapping must start in the same column'],
  ],
  'yaml-syntax': [
    ['error', 'yaml-syntax', 17, 5, undefined,
      'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ],
  'yaml11-directive': [
    ['error', 'type', 10, 10, 'requester.phone',
      'expected text, got the number 755 (written 0755); put the value in quotes so YAML keeps it as text'],
    ['error', 'example-as-written', 23, 18, 'datasets[0].fields[0].example',
      'expected the example as written, got the number 755 (written 0755); put it in quotes ("0755") so it keeps its form'],
    ['error', 'type', 24, 17, 'datasets[0].header_row',
      'expected true or false, got "yes"; write true or false (YAML 1.2 reads yes/no and on/off as text)'],
  ],
};

const tuple = (d: Diagnostic): Expected => [d.severity, d.rule, d.line!, d.col!, d.path, d.message];

describe('invalid fixtures', async () => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();

  test('every fixture has expectations and every expectation a fixture', () => {
    expect(files.map((f) => f.replace(/\.yaml$/, ''))).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  test.each(files)('%s', async (file) => {
    const result = parseSpec(await readFile(new URL(file, dir), 'utf8'), file);
    const want = expected[file.replace(/\.yaml$/, '')]!;
    expect(result.diagnostics.map(tuple)).toEqual(want);
    for (const d of result.diagnostics) expect(d.file).toBe(file);
    // A spec comes back exactly when nothing is an error (warnings only).
    expect(result.spec === undefined).toBe(want.some(([severity]) => severity === 'error'));
  });
});

test('a %YAML 1.1 file is still read with YAML 1.2 core rules: NO and off stay text, 0755 is decimal', async () => {
  const result = parseSpec(await readFile(new URL('yaml11-directive.yaml', dir), 'utf8'), 'yaml11-directive.yaml');
  const data = result.yaml!.data as {
    requester: { organisation: unknown; phone: unknown };
    recipient: { office: unknown };
    datasets: { header_row: unknown; fields: { example: unknown }[] }[];
  };
  expect(data.requester.organisation).toBe('NO');
  expect(data.recipient.office).toBe('off');
  expect(data.datasets[0]!.header_row).toBe('yes');
  expect(data.requester.phone).toBe(755); // not 493, the YAML 1.1 octal reading
  expect(data.datasets[0]!.fields[0]!.example).toBe(755);
  // Only what is really wrong is reported: nothing about `NO` or `off`.
  expect(result.diagnostics.map((d) => d.path)).toEqual(['requester.phone', 'datasets[0].fields[0].example', 'datasets[0].header_row']);
});

describe('files that are not YAML text', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'oedr-invalid-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  /** The one diagnostic and exit code that loading `file` fails with. */
  async function failure(file: string): Promise<{ code: number; diagnostic: Diagnostic }> {
    const error = await loadSpec(file).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OedrError);
    const { code, diagnostics } = error as OedrError;
    expect(diagnostics).toHaveLength(1);
    return { code, diagnostic: diagnostics[0]! };
  }

  test('binary file', async () => {
    const file = join(tmp, 'logo.yaml');
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(await failure(file)).toEqual({ code: ExitCode.input, diagnostic: {
      severity: 'error', rule: 'file-binary', message: 'this is a binary file, not a YAML text file', file, line: 3, col: 1,
    } });
  });

  test('Latin-1 bytes: the place of the first bad byte', async () => {
    const file = join(tmp, 'latin1.yaml');
    await writeFile(file, Buffer.from('oedr: 1\nrequester:\n  organisation: Caf\xe9 Watch\n', 'latin1'));
    expect(await failure(file)).toEqual({ code: ExitCode.input, diagnostic: {
      severity: 'error', rule: 'file-not-utf8', file, line: 3, col: 20,
      message: 'the file is not UTF-8: byte 0xE9 is not valid UTF-8; save it as UTF-8',
    } });
  });

  test('a directory', async () => {
    const file = join(tmp, 'specs.yaml');
    await mkdir(file);
    expect(await failure(file)).toEqual({ code: ExitCode.input, diagnostic: {
      severity: 'error', rule: 'file-is-directory', message: 'expected a YAML file, got a directory', file,
    } });
  });

  test('a missing path', async () => {
    const file = join(tmp, 'no-such-spec.yaml');
    expect(await failure(file)).toEqual({ code: ExitCode.input, diagnostic: {
      severity: 'error', rule: 'file-missing', message: 'no such file', file,
    } });
  });

  test('an empty file', async () => {
    const file = join(tmp, 'empty.yaml');
    await writeFile(file, '');
    expect(await failure(file)).toEqual({ code: ExitCode.invalid, diagnostic: {
      severity: 'error', rule: 'file-empty', message: 'the file is empty; `oedr init` writes a starter spec', file,
    } });
  });

  test('a file over 1 MiB', async () => {
    const file = join(tmp, 'huge.yaml');
    await writeFile(file, '# ' + 'x'.repeat(MAX_SPEC_BYTES) + '\n');
    expect(await failure(file)).toEqual({ code: ExitCode.input, diagnostic: {
      severity: 'error', rule: 'file-too-large', file,
      message: `file is ${MAX_SPEC_BYTES + 3} bytes; the limit for a spec is ${MAX_SPEC_BYTES} bytes (1 MiB)`,
    } });
  });

  test('a UTF-8 byte-order mark is dropped, not reported', async () => {
    const text = decodeSpec(Buffer.from('\ufeffoedr: 1\n', 'utf8'), 'bom.yaml');
    expect(text).toBe('oedr: 1\n');
  });
});
