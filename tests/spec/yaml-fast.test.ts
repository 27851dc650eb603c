// The quick YAML reader must give the `yaml` library's answers or none: the same data, the same
// line and column for every path (value, key, missing key below it), the same source text for
// every scalar; and when the file has anything to report, it must give up.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fastYaml } from '../../src/spec/yaml-fast.js';
import { parseYaml } from '../../src/spec/yaml.js';
import { root } from '../helpers.js';

type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

/** 'fast' when the quick reader answered (and agreed), 'slow' when it left the file to yaml. */
function agree(source: string): 'fast' | 'slow' {
  if (!fastYaml(source)) return 'slow';
  const slow = parseYaml(source, 'x.yaml', { fast: false });
  const fast = parseYaml(source, 'x.yaml');
  expect(slow.diagnostics, source).toEqual([]);
  expect(slow.warnings, source).toEqual([]);
  expect(fast.data, source).toStrictEqual(slow.data);
  for (const p of paths(slow.data)) {
    for (const probe of [p, [...p, 'missing'], [...p, 99]]) {
      expect(fast.locate(probe), `${source}\nlocate ${JSON.stringify(probe)}`).toEqual(slow.locate(probe));
      expect(fast.locate(probe, true), `${source}\nlocate key ${JSON.stringify(probe)}`).toEqual(slow.locate(probe, true));
    }
    const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], slow.data);
    if (v === null || typeof v !== 'object') expect(fast.sourceAt(p), `${source}\nsourceAt ${JSON.stringify(p)}`).toBe(slow.sourceAt(p));
  }
  return 'fast';
}

const yamlFiles = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
});

describe('quick YAML reader', () => {
  it('reads the examples and the starter spec itself (or validate would not be quick)', () => {
    for (const f of [...yamlFiles(join(root, 'examples')), join(root, 'templates/starter.yaml')]) {
      expect(agree(readFileSync(f, 'utf8')), f).toBe('fast');
    }
  });

  it('agrees with yaml on every fixture, or leaves it to yaml', () => {
    const seen = { fast: 0, slow: 0 };
    for (const f of [...yamlFiles(join(root, 'tests/fixtures')), ...yamlFiles(join(root, 'templates'))]) seen[agree(readFileSync(f, 'utf8'))]++;
    expect(seen.fast).toBeGreaterThan(20);
    expect(seen.slow).toBeGreaterThan(10);
  });

  it.each([
    ['plain values and their types', 'a: 1\nb: -2.50\nc: true\nd: ~\ne: 2027-07-05\nf: 0123\ng: 1e3\nh: yes\ni: .5\nj: "x"\nk: NULL\n'],
    ['comments after values', 'a: b # note\nc: "d" # note\ne: f #7\n'],
    ['text blocks', 'a: |\n  one\n\n  two\n\n\nb: >-\n  folded\n  lines\n\n  para\nc: >\n  x\n    more\nd: |-\n   deep\n  # not a comment\n'],
    ['lists in every shape', 'a:\n- 1\n- x: 2\n  y: 3\n-\n  z: 4\n- \nb:\n  - - nested\nc: []\n'],
    ['quoted values', `a: "tab\\tq\\"u\\u00e9"\nb: 'it''s'\nc: "\\x41"\nd: "multi\n  line"\n`],
    ['quoted keys', `"\\t": tab\n"|": bar\n'x''s': 1\n"a b": 2\n":": colon\n"k":v\n`, `"a" : 1\n`, `"__proto__": 1\n`],
    ['keys yaml reads as other things', 'true: 1\n', 'null: 1\n', '__proto__: 1\n', '"quoted": 1\n', 'a b: 1\n'],
    ['structure mistakes', 'a: 1\na: 2\n', 'a:\n  b: 1\n c: 2\n', 'a: b: c\n', 'a: 1\n  b\n', '- a\nb: 1\n', '  a: 1\n'],
    ['things left to yaml', '%YAML 1.1\n---\na: 1\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a:\tb\n', 'a: 1\r\nb: 2\r\n', '\ufeffa: 1\n', 'a: [1, 2]\n', 'a: plain\n  continued\n'],
  ])('%s', (_name, ...sources) => {
    for (const source of sources) agree(source);
  });

  const key = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
  const friendly = fc.oneof(
    { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.()/-]{0,30}$/), weight: 6 }, fc.integer(), fc.boolean(), fc.constant(null),
  );
  const hostile = fc.oneof(
    friendly, fc.string({ maxLength: 40 }), fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom('2027-07-05', 'UTF-8', 'a: b', '# x', 'x # y', '- item', '  padded  ', 'NO', '0755', '1e3', '.5', '~', '', 'Łódź', 'two\nlines', 'end\n'),
  );
  // Shaped like specs: lists hold values or mappings, not lists (yaml would write `- - x`, left to yaml).
  const documents = (scalar: fc.Arbitrary<unknown>) => fc.dictionary(key, fc.letrec<{ v: unknown; item: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('item'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 5 })),
    item: fc.oneof({ depthSize: 'small' }, scalar, fc.dictionary(key, tie('v'), { maxKeys: 5 })),
  })).v, { minKeys: 1, maxKeys: 6 });
  const styles = fc.record({
    indent: fc.constantFrom(2, 4), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 80), defaultKeyType: fc.constantFrom('PLAIN', null),
    defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  }) as unknown as fc.Arbitrary<Parameters<typeof stringify>[1]>;

  it.each([['plain', friendly, 200], ['hostile', hostile, 10]] as const)('agrees on generated documents with %s values, written in yaml\'s styles', (_name, scalar, minFast) => {
    const seen = { fast: 0, slow: 0 };
    fc.assert(fc.property(documents(scalar), styles, (data, opts) => {
      seen[agree(stringify(data, opts))]++;
    }), { numRuns: 400 });
    expect(seen.fast).toBeGreaterThan(minFast);
  });

  it('agrees on the examples after random edits, and never accepts one with a problem', () => {
    const sources = yamlFiles(join(root, 'examples')).map((f) => readFileSync(f, 'utf8'));
    const snippets = [' ', '  ', '\n', ':', ': ', '- ', '#', ' #x', '"', "'", '[', ']', '{', '}', ',', '|', '>', '&a ', '*a', '!!str ', '\t', '~', '0x1', 'key: v\n', '  - ', '...', '---\n', '\\'];
    const seen = { fast: 0, slow: 0 };
    fc.assert(fc.property(fc.nat(sources.length - 1), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(snippets.length - 1), fc.nat(3)), { minLength: 1, maxLength: 3 }), (which, edits) => {
      let text = sources[which]!;
      for (const [where, what, cut] of edits) {
        const at = Math.floor(where * text.length);
        text = text.slice(0, at) + snippets[what]! + text.slice(at + cut);
      }
      seen[agree(text)]++;
    }), { numRuns: 600 });
    expect(seen.fast).toBeGreaterThan(50);
  });
});
