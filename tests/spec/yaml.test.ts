// How YAML slips read to the author: each one message at the right place, with what to do.
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import { parseYaml } from '../../src/spec/yaml.js';

const brief = (d: Diagnostic) => `${d.line}:${d.col}${d.path ? ` ${d.path}` : ''}: ${d.message} [${d.rule}]`;
const errors = (source: string) => parseYaml(source, 'f.yaml').diagnostics.map(brief);
const warnings = (source: string) => parseYaml(source, 'f.yaml').warnings.map(brief);

describe('keys that are not plain text', () => {
  test.each([
    ['[a, b]: x\nc: 2\n', '1:1: expected a key written as plain text, such as `subject`; got a list used as a key [complex-key]'],
    ['letter:\n  ? {a: 1}\n  : x\n', '2:5 letter: expected a key written as plain text, such as `subject`; got a mapping used as a key [complex-key]'],
    ['a: &k b\n*k : c\n', '2:1: expected a key written as plain text, such as `subject`; got an alias (*name) used as a key [complex-key]'],
  ])('%j is an error at the key', (source, message) => {
    expect(errors(source)).toEqual([message]);
  });

  test('and Node prints no warning about stringified keys', async () => {
    const seen: string[] = [];
    const listen = (w: Error) => seen.push(w.message);
    process.on('warning', listen);
    try {
      parseYaml('[a, b]: x\n{c: 1}: y\n', 'f.yaml');
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('warning', listen);
    }
    expect(seen).toEqual([]);
  });
});

describe('a comment right after a value', () => {
  test('`reference: MEW #7` warns that #7 is a comment, and the data is still read', () => {
    const source = 'letter:\n  reference: MEW #7\n  list:\n    - a #b\n';
    expect(warnings(source)).toEqual([
      '2:14 letter.reference: the value ends at ` #`: YAML reads the rest of the line as a comment; put the value in quotes to keep it [yaml-comment-in-value]',
      '4:7 letter.list[0]: the value ends at ` #`: YAML reads the rest of the line as a comment; put the value in quotes to keep it [yaml-comment-in-value]',
    ]);
    expect(errors(source)).toEqual([]);
    expect(parseYaml(source, 'f.yaml').data).toEqual({ letter: { reference: 'MEW', list: ['a'] } });
  });

  test.each(['a: MEW # a real comment\n', 'a: "MEW #7"\n', "a: 'MEW' #7\n", 'a: MEW#7\n', '# a: b #c\n', 'a: b\n#c\n'])('%j is not flagged', (source) => {
    expect(warnings(source)).toEqual([]);
  });
});

describe('syntax slips', () => {
  test('an unquoted value with ": " says to quote it, not to check the indentation', () => {
    expect(errors('letter:\n  subject: Request: for data\n  date: 2027-01-01\n')).toEqual([
      '2:12: invalid YAML: the value `Request: for data` holds ": ", which YAML reads as the start of another key; put the value in quotes: subject: "Request: for data" [yaml-syntax]',
    ]);
  });

  test('a real indentation slip still gets the indentation message', () => {
    expect(errors('letter:\n  subject: a\n    date: b\n')).toEqual([
      '2:12: invalid YAML: a value runs on into the next line as if it were part of it; check the indentation: the keys of one mapping must start in the same column [yaml-syntax]',
    ]);
  });

  test.each([
    ['datasets:\n  - title: a\n\tdescription: b\n    format: csv\n', '3:1: invalid YAML: a tab is used for indentation; YAML allows only spaces [yaml-syntax]'],
    ['datasets:\n  - title: a\n    fields:\n\t  - name: x\n\t    description: y\n', '4:1: invalid YAML: a tab is used for indentation; YAML allows only spaces (also on line 5) [yaml-syntax]'],
    // After a text block yaml itself speaks of the block's indentation, not of the tab.
    ['requester:\n  address: |\n    14 Mvule Avenue\n    Lakeport\n\temail: a@b.example\n', '5:1: invalid YAML: a tab is used for indentation; YAML allows only spaces [yaml-syntax]'],
  ])('tabs for indentation: one error, no follow-on errors', (source, message) => {
    expect(errors(source)).toEqual([message]);
  });

  test('the first key of a list item again: a missing `- `', () => {
    expect(errors('datasets:\n  - title: a\n    description: b\n    title: c\n    description: d\n')).toEqual([
      '4:5 datasets[0].title: the key `title` appears twice in this list item (first on line 2); did you mean to start a new list item with `- `? [duplicate-key]',
    ]);
  });

  test('another key twice in a list item, or in a mapping: keep one', () => {
    expect(errors('datasets:\n  - title: a\n    needed_by: 1\n    needed_by: 2\nx: 1\nx: 2\n')).toEqual([
      '4:5 datasets[0].needed_by: the key `needed_by` appears twice in this mapping (first on line 3); keep one [duplicate-key]',
      '6:1 x: the key `x` appears twice in this mapping (first on line 5); keep one [duplicate-key]',
    ]);
  });
});

describe('one reader, and places for every key (issue 14)', () => {
  test('an implicit key longer than 1,024 characters is an error, as the YAML spec says (defect 18)', () => {
    expect(errors(`a: 1\n${'k'.repeat(1030)}: v\n`)).toEqual([
      '2:1: invalid YAML: The : indicator must be at most 1024 chars after the start of an implicit block mapping key [yaml-syntax]',
    ]);
  });

  test.each(['~', 'null', 'Null', '""'])('a %s key is located at its own line, not at 1:1 (defect 15)', (key) => {
    const parsed = parseYaml(`a: 1\nb: 2\n${key}: 3\n`, 'f.yaml');
    expect(parsed.data).toEqual({ a: 1, b: 2, '': 3 });
    expect(parsed.locate([''], true)).toEqual({ line: 3, col: 1 });
  });
});

describe('aliases (defect 3): the guard acts before any quadratic work', () => {
  const many = (n: number, distinct = false) => distinct
    ? `${Array.from({ length: n }, (_, i) => `a${i}: &x${i} v`).join('\n')}\nl: [${Array.from({ length: n }, (_, i) => `*x${i}`).join(', ')}]\n`
    : `x: &x a\nl: [${Array(n).fill('*x').join(', ')}]\n`;

  test.each([false, true])('more aliases than expansions allowed is an alias bomb at the first alias (distinct anchors: %s)', (distinct) => {
    expect(errors(many(101, distinct)).at(-1)).toMatch(/^\d+:\d+: too many alias expansions \(more than 100\)/);
    expect(errors(many(50, distinct))).toEqual([]);
  });

  test('the time grows linearly with the number of aliases (n and 4n, a generous factor)', () => {
    const time = (source: string) => {
      const t = performance.now();
      parseYaml(source, 'f.yaml');
      return performance.now() - t;
    };
    time(many(2000)); // warm up
    // The best of five runs each: one garbage collection in a run of a few milliseconds made this flaky.
    const best = (source: string) => Math.min(...Array.from({ length: 5 }, () => time(source)));
    const small = best(many(5000));
    const large = best(many(20000));
    // Quadratic work would be 16x; linear 4x. 10x leaves room for a noisy machine.
    expect(large / small).toBeLessThan(10);
  });
});

test('an alias bomb of many aliases is reported at the first alias, with no parse behind it', () => {
  const source = `# note\nx: &x a\nl:\n  - [${Array(200).fill('*x').join(', ')}]\n`;
  expect(errors(source)).toEqual(['4:6: too many alias expansions (more than 100): the file looks like an alias bomb; write the values out instead of using *aliases [alias-limit]']);
});
