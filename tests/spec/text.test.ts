// What a text value may hold, which characters can be a delimiter or text qualifier, the canonical
// language tag, and cross-field rules that must not repeat a mistake already reported.
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import { parseSpec } from '../../src/spec/load.js';

/** A valid spec; `letter` and `dataset` lines are appended to the letter and to the one dataset. */
function spec(opts: { letter?: string[]; dataset?: string[] } = {}): string {
  return [
    'oedr: 1',
    'letter:',
    '  date: 2027-03-01',
    '  subject: Results by polling station',
    ...(opts.letter ?? []).map((l) => `  ${l}`),
    'requester:',
    '  organisation: Example Watch',
    '  email: data@example.test',
    '  signatory: { name: A. N. Tester }',
    'recipient:',
    '  institution: National Election Commission',
    'datasets:',
    '  - title: Results',
    '    description: Results by polling station',
    '    needed_by: 2027-06-01',
    ...(opts.dataset ?? []).map((l) => `    ${l}`),
    '',
  ].join('\n');
}

const brief = (d: Diagnostic) => `${d.line}:${d.col} ${d.path}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message} [${d.rule}]`;
const check = (source: string) => parseSpec(source, 'spec.yaml').diagnostics.map(brief);

test('the base spec is valid', () => {
  expect(check(spec())).toEqual([]);
});

describe('control characters', () => {
  test('a bell in the subject is named as U+0007 with its place', () => {
    expect(check(spec({ letter: ['reference: "REF\\a/7"'] }))).toEqual([
      '5:14 letter.reference: expected text without control characters; got "REF\\u0007/7", which holds U+0007 (a control character) at character 4; remove it [control-character]',
    ]);
  });

  test('DEL, escape and carriage return are refused; in field examples too', () => {
    expect(check(spec({ dataset: ['summary_totals: "Totals\\x7F"'] }))).toEqual([
      '15:21 datasets[0].summary_totals: expected text without control characters; got "Totals\\u007f", which holds U+007F (a control character) at character 7; remove it [control-character]',
    ]);
    expect(check(spec({ dataset: ['fields: [{ name: a, description: "x\\ry" }]'] })).join()).toMatch(/U\+000D \(a control character\) at character 2/);
    expect(check(spec({ dataset: ['fields: [{ name: a, description: b, example: "\\e[31m" }]'] }))).toEqual([
      '15:50 datasets[0].fields[0].example: expected text without control characters; got "\\u001b[31m", which holds U+001B (a control character) at character 1; remove it [control-character]',
    ]);
  });

  test('tabs and newlines are text; characters after astral ones are counted as characters', () => {
    expect(check(spec({ dataset: ['summary_totals: "a\\tb\\nc"'] }))).toEqual([]);
    expect(check(spec({ dataset: ['summary_totals: "😀\\bx"'] })).join()).toMatch(/U\+0008 \(a control character\) at character 2;/);
  });
});

describe('delimiter and text qualifier', () => {
  test.each([
    ['delimiter: a', '15:16 datasets[0].delimiter: expected one character that is not a letter, digit, space or control character (a tab is allowed), such as "," ";" "|" or a tab ("\\t"); got "a" [dialect-character]'],
    ['delimiter: "7"', '15:16 datasets[0].delimiter: expected one character that is not a letter, digit, space or control character (a tab is allowed), such as "," ";" "|" or a tab ("\\t"); got "7" [dialect-character]'],
    ['delimiter: " "', '15:16 datasets[0].delimiter: expected one character that is not a letter, digit, space or control character (a tab is allowed), such as "," ";" "|" or a tab ("\\t"); got " " [dialect-character]'],
    ['delimiter: "\\u00A0"', '15:16 datasets[0].delimiter: expected one character that is not a letter, digit, space or control character (a tab is allowed), such as "," ";" "|" or a tab ("\\t"); got "\\u00a0" [dialect-character]'],
    ['text_qualifier: "\\t"', '15:21 datasets[0].text_qualifier: expected one character that is not a letter, digit, space or control character, such as \'"\' or "\'"; got "\\t" [dialect-character]'],
    ['text_qualifier: "\\x01"', '15:21 datasets[0].text_qualifier: expected one character that is not a letter, digit, space or control character, such as \'"\' or "\'"; got "\\u0001" [dialect-character]'],
  ])('%s is refused with examples', (line, message) => {
    expect(check(spec({ dataset: [line] }))).toEqual([message]);
  });

  test.each(['delimiter: ";"', 'delimiter: "\\t"', 'delimiter: "|"', "text_qualifier: \"'\""])('%s is fine', (line) => {
    expect(check(spec({ dataset: [line] }))).toEqual([]);
  });

  test('an invalid character is reported once, never also as equal to another role', () => {
    expect(check(spec({ dataset: ['delimiter: a', 'text_qualifier: a'] })).map((m) => m.replace(/ expected .*\[/, ' ['))).toEqual([
      '15:16 datasets[0].delimiter: [dialect-character]',
      '16:21 datasets[0].text_qualifier: [dialect-character]',
    ]);
    expect(check(spec({ dataset: ['delimiter: ";"', 'decimal_separator: ";"'] })).map((m) => m.replace(/:.*\[/, ' ['))).toEqual(['16 [enum]']);
    // a valid pair that clashes is still caught
    expect(check(spec({ dataset: ['delimiter: ","', 'decimal_separator: ","'] })).join()).toMatch(/\[dialect-distinct\]/);
  });
});

describe('letter.language', () => {
  test.each([['EN', 'en'], ['pt-br', 'pt-BR'], ['sr-latn', 'sr-Latn'], ['en', 'en']])('%s reads as %s', (written, canonical) => {
    const loaded = parseSpec(spec({ letter: [`language: ${written}`] }), 'spec.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.spec?.letter.language).toBe(canonical);
  });
});

describe('rules that would repeat a reported mistake', () => {
  test('a misspelt needed_by is one unknown key, not also "no needed_by date"', () => {
    const source = spec().replace('    needed_by: 2027-06-01', '    neded_by: 2027-06-01');
    expect(check(source)).toEqual(['14:5 datasets[0].neded_by: unknown key `neded_by` (did you mean `needed_by`?) [unknown-key]']);
    const dashed = spec().replace('    needed_by: 2027-06-01', '    needed-by: 2027-06-01');
    expect(check(dashed).map((m) => m.replace(/ \(did.*/, ''))).toEqual(['14:5 datasets[0].needed-by: unknown key `needed-by`']);
  });

  test('an unrelated unknown key still leaves the needed_by warning', () => {
    const source = spec().replace('    needed_by: 2027-06-01', '    colour: red');
    expect(check(source).map((m) => m.replace(/:.*\[/, ' ['))).toEqual(['12 [needed-by-missing]', '14 [unknown-key]']);
  });
});

describe('privacy', () => {
  test('personal_data: false with terms about personal data warns that they are left out', () => {
    expect(check(spec({ dataset: [
      'fields: [{ name: a, description: b }]',
      'privacy: { personal_data: false, may_exclude: [a], delete_by: 2027-12-31 }',
    ] }))).toEqual([
      '16:31 datasets[0].privacy.personal_data: warning: `personal_data: false` says the dataset holds no personal data, so the letter has no privacy terms for it and leaves out `may_exclude`, `delete_by`; set personal_data to true to keep them, or remove them [privacy-not-personal]',
    ]);
  });

  test('personal_data: false alone, or true with terms, is fine', () => {
    expect(check(spec({ dataset: ['privacy: { personal_data: false, may_mask: [] }'] }))).toEqual([]);
    expect(check(spec({ dataset: ['fields: [{ name: a, description: b }]', 'privacy: { may_mask: [a] }'] }))).toEqual([]);
  });
});

describe('characters no writer keeps (issue 14, defect 16): an error at the value, before anything is written', () => {
  test.each([
    ['\\uFFFE', 'U+FFFE (a noncharacter)'],
    ['\\uFFFF', 'U+FFFF (a noncharacter)'],
    ['\\uD800', 'U+D800 (half of a surrogate pair, not a character)'],
    ['\\uDC00', 'U+DC00 (half of a surrogate pair, not a character)'],
    ['\\u202E', 'U+202E (a bidirectional control character, which can reorder what a reader sees)'],
    ['\\u2066', 'U+2066 (a bidirectional control character, which can reorder what a reader sees)'],
    ['\\x85', 'U+0085 (a control character)'],
  ])('%s in the reference', (escape, named) => {
    const [d, ...rest] = check(spec({ letter: [`reference: "REF${escape}7"`] }));
    expect(rest).toEqual([]);
    expect(d).toMatch(/^5:14 letter\.reference: expected text without control characters; got .*, which holds /);
    expect(d).toContain(`${named} at character 4; remove it [control-character]`);
  });

  test('a surrogate pair (an emoji) and right-to-left text without controls are text', () => {
    expect(check(spec({ letter: ['reference: "REF \\U0001F600 مرحبا"'] }))).toEqual([]);
  });
});
