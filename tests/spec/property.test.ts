// Property tests: whatever a user (or a fuzzer) writes, parseSpec answers with diagnostics that
// have a place and a message, and never throws. Mutations start from the example specs so that
// most inputs get deep into the schema and the cross-field rules rather than failing at the top.
import { readdir, readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { OedrError } from '../../src/errors.js';
import { parseSpec, type LoadedSpec } from '../../src/spec/load.js';
import { decodeSpec } from '../../src/spec/read.js';

const root = new URL('../../', import.meta.url);
const exampleFiles = (await readdir(new URL('examples/', root))).filter((f) => f.endsWith('.yaml')).sort();
const bases: unknown[] = await Promise.all(
  [...exampleFiles.map((f) => `examples/${f}`), 'templates/starter.yaml']
    .map(async (f) => parse(await readFile(new URL(f, root), 'utf8')) as unknown),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path in a tree, the root included. */
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function get(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, seg) => (node as Record<string | number, unknown>)?.[seg], v);
}

/** Strings that have tripped YAML tools and spec loaders before. */
const oddStrings = ['', ' ', '\t', '\n', 'NO', 'yes', 'off', '~', 'null', '0755', '01234', '1e3', '0x1F', '.inf',
  '2027-02-30', '2027-13-01', '---', '...', '%YAML 1.1', '!!binary aGk=', '*alias', '&anchor', '- item', 'key: value',
  '"', "'", '#', '{', '[', '\u0000', '\ufeff', '\u202e', 'Małgorzata Wójcik-Żurawska', 'Γεώργιος', '😀', 'x'.repeat(300),
  '__proto__', 'constructor', 'toString'];

const odd = fc.oneof(fc.constantFrom(...oddStrings), fc.string(), fc.string({ unit: 'grapheme' }));
const anyValue: fc.Arbitrary<Json> = fc.oneof(
  odd, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant<Json>([]), fc.constant<Json>({}),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

type Mutation =
  | { kind: 'delete' | 'duplicate' | 'wrap' | 'stringify' | 'numberify'; at: number }
  | { kind: 'rename'; at: number; to: string }
  | { kind: 'replace'; at: number; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'wrap', 'stringify', 'numberify'), at: fc.nat() }),
  fc.record({ kind: fc.constant('rename'), at: fc.nat(), to: fc.oneof(odd, fc.constantFrom('descripton', 'Format', 'needed-by', 'datasets', 'letter')) }),
  fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: anyValue }),
) as fc.Arbitrary<Mutation>;

/** Applies a mutation at one of the tree's paths (chosen by `at` modulo their number). */
function mutate(tree: Json, m: Mutation): Json {
  const all = paths(tree);
  const path = all[m.at % all.length]!;
  if (path.length === 0) {
    return m.kind === 'replace' ? structuredClone(m.value) : m.kind === 'wrap' ? [tree] : m.kind === 'stringify' ? JSON.stringify(tree) : tree;
  }
  const parent = get(tree, path.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = path.at(-1)!;
  const value = (parent as Record<string | number, Json>)[key]!;
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'duplicate':
      if (Array.isArray(value)) value.push(structuredClone(value[0] ?? null));
      else if (Array.isArray(parent)) parent.push(structuredClone(value));
      break;
    case 'wrap':
      (parent as Record<string | number, Json>)[key] = [value];
      break;
    case 'stringify':
      (parent as Record<string | number, Json>)[key] = typeof value === 'string' ? value : JSON.stringify(value);
      break;
    case 'numberify':
      (parent as Record<string | number, Json>)[key] = typeof value === 'string' ? value.length : 1;
      break;
    case 'rename':
      if (!Array.isArray(parent) && m.to !== key) {
        // Object.defineProperty, so that a key such as __proto__ becomes an own key like YAML would make it.
        Object.defineProperty(parent, m.to, { value, enumerable: true, writable: true, configurable: true });
        delete parent[key];
      }
      break;
    case 'replace':
      (parent as Record<string | number, Json>)[key] = structuredClone(m.value); // generated values may be shared
      break;
  }
  return tree;
}

/** The invariants every result must keep. */
function checkResult(result: LoadedSpec, file: string) {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(result.spec === undefined).toBe(errors.length > 0);
  for (const d of result.diagnostics) {
    expect(d.file).toBe(file);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.message.trim()).not.toBe('');
    expect(d.rule).toMatch(/^[a-z0-9-]+$/);
  }
  const lines = result.diagnostics.map((d) => d.line!);
  expect(lines).toEqual([...lines].sort((a, b) => a - b));
}

describe('mutated example specs', () => {
  test('the unmutated examples round-trip through yaml.stringify and validate', () => {
    for (const base of bases) {
      const result = parseSpec(stringify(base), 'base.yaml');
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result.spec).toBeDefined();
    }
  });

  test('parseSpec never throws and every diagnostic has a place and a message', () => {
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (b, ms) => {
        const tree = ms.reduce((t, m) => mutate(t, m), structuredClone(bases[b]) as Json);
        const text = stringify(tree);
        checkResult(parseSpec(text, 'mutated.yaml'), 'mutated.yaml');
      }),
      { numRuns: 400 },
    );
  });
});

/** Lines built from YAML's special tokens, to reach the parser's error paths. */
const yamlish = fc.array(
  fc.tuple(
    fc.constantFrom('', ' ', '  ', '    ', '\t'),
    fc.array(fc.constantFrom('key:', 'letter:', 'datasets:', '- ', '&a ', '*a', '!!binary ', '!foo ', '[', ']', '{', '}', ',',
      '"', "'", '|', '>-', '#', '---', '...', '%YAML 1.1', '? ', ': ', 'NO', '0755', '2027-03-01', 'x', ' '), { maxLength: 6 }),
  ).map(([indent, tokens]) => indent + tokens.join('')),
  { maxLength: 12 },
).map((lines) => lines.join('\n'));

describe('arbitrary text and bytes', () => {
  test('parseSpec never throws on arbitrary strings or YAML-like token soup', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), yamlish), (text) => {
        checkResult(parseSpec(text, 'random.yaml'), 'random.yaml');
      }),
      { numRuns: 1500 },
    );
  });

  test('decodeSpec either returns text or fails with an OedrError that has a place', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        let text: string;
        try {
          text = decodeSpec(bytes, 'random.bin');
        } catch (e) {
          expect(e).toBeInstanceOf(OedrError);
          const [d] = (e as OedrError).diagnostics;
          expect(d?.message).toBeTruthy();
          if (d?.line !== undefined) expect(d.col).toBeGreaterThanOrEqual(1);
          return;
        }
        // What decodes is what TextDecoder would have produced, minus a BOM.
        expect(text).toBe(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).replace(/^\ufeff/, ''));
        checkResult(parseSpec(text, 'random.bin'), 'random.bin');
      }),
      { numRuns: 1500 },
    );
  });
});
