// words.yaml: the words a letter needs in its language. Built-in words load as they are; an
// override's words.yaml is checked against their shape and merged word by word.
import { existsSync } from 'node:fs';
import { readUtf8Sync } from '../read-file.js';
import { ExitCode, OedrError, formatPath, type Diagnostic } from '../errors.js';
import { describeValue } from '../spec/diagnose.js';
import { closest } from '../spec/suggest.js';
import { parseYaml } from '../spec/yaml.js';

/**
 * "a, b and c" in a language's words: `and` before the last, `separator` between the others (Arabic
 * "، "). `and` stands between spaces unless it gives its own: Arabic و is written onto the word
 * after it, so its words.yaml has " و" ("أ، ب وج"), but not onto a word of another script
 * ("أ و CSV").
 */
export function joinList(items: readonly string[], and: string, separator: string): string {
  if (items.length < 2) return items[0] ?? '';
  const last = items.at(-1)!;
  const attached = /^\s/.test(and) && !/\s$/.test(and) && sameScript(and.at(-1)!, last.charAt(0));
  const link = attached ? and : ` ${and.trim()} `;
  return `${items.slice(0, -1).join(separator)}${link}${last}`;
}

const SCRIPTS = [/\p{Script=Arabic}/u, /\p{Script=Latin}/u, /\p{Script=Cyrillic}/u];
const sameScript = (a: string, b: string) => SCRIPTS.some((script) => script.test(a) && script.test(b));

const wordsError = (rule: string, message: string, where: Partial<Diagnostic>): OedrError =>
  new OedrError(ExitCode.render, [{ severity: 'error', rule, message, ...where }]);

/** words.yaml through the spec's YAML reader: syntax errors and duplicate keys come with file:line:col. */
export function readWordsWithPlaces(file: string): { data: Record<string, unknown>; yaml: ReturnType<typeof parseYaml> } {
  const yaml = parseYaml(readUtf8Sync(file), file);
  // An empty (or comments-only) words.yaml overrides nothing; the reader's "empty spec" advice is for specs.
  if (yaml.diagnostics.length === 1 && yaml.diagnostics[0]!.rule === 'empty-spec') return { data: {}, yaml };
  if (yaml.diagnostics.length) throw new OedrError(ExitCode.render, yaml.diagnostics);
  const data = yaml.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw wordsError('words-type', `expected a mapping of word groups (phrases:, kinds:, ...), got ${describeValue(data)}`, { file, line: 1, col: 1 });
  }
  return { data: data as Record<string, unknown>, yaml };
}

export const readWords = (file: string) => (existsSync(file) ? readWordsWithPlaces(file).data : {});

const kindOf = (v: unknown) => (v === null || v === undefined ? 'empty' : Array.isArray(v) ? 'list' : typeof v);
const kindName: Record<string, string> = { object: 'a mapping', list: 'a list', string: 'text', number: 'a number', boolean: 'true/false', empty: 'an empty value' };

/**
 * An override's words must have the built-in shape: a group the code does not know is a typo, and a
 * word of another kind (a mapping replaced by a number) would break the letter far from its cause.
 */
export function checkWords(base: Record<string, unknown>, over: Record<string, unknown>, yaml: ReturnType<typeof parseYaml>, file: string): void {
  const out: Diagnostic[] = [];
  const at = (path: (string | number)[], rule: string, message: string, key = false) =>
    out.push({ severity: 'error', rule, message, file, ...yaml.locate(path, key), path: formatPath(path) });
  const groups = Object.keys(base);
  for (const key of Object.keys(over)) {
    if (key in base) continue;
    const guess = closest(key, groups);
    at([key], 'words-unknown', `unknown word group \`${key}\`${guess ? ` (did you mean \`${guess}\`?)` : `; expected one of: ${groups.join(', ')}`}`, true);
  }
  const walk = (b: unknown, o: unknown, path: (string | number)[]) => {
    const [kb, ko] = [kindOf(b), kindOf(o)];
    if (kb !== ko) {
      at(path, 'words-type', `expected ${kindName[kb] ?? kb}, as in the built-in words.yaml; got ${describeValue(o)}`);
    } else if (kb === 'object') {
      for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
        const inner = (b as Record<string, unknown>)[k];
        if (inner !== undefined) walk(inner, v, [...path, k]);
      }
    }
  };
  for (const [k, v] of Object.entries(over)) if (k in base) walk(base[k], v, [k]);
  if (out.length) throw new OedrError(ExitCode.render, out);
}

/** An override's words.yaml replaces single words, not whole groups: `phrases: {closing: …}` keeps the other phrases. */
export function mergeWords(base: Record<string, unknown>, over: unknown): Record<string, unknown> {
  if (!over || typeof over !== 'object' || Array.isArray(over)) return base;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' ? mergeWords(b as Record<string, unknown>, v) : v;
  }
  return out;
}

/**
 * The words for a letter under the law of `country`: a language's `by_country` entry (Tunisian
 * month names, Mexico's «P r e s e n t e») merged word by word over the language's own words.
 */
export function wordsForCountry(words: Record<string, unknown>, country: string | null | undefined): Record<string, unknown> {
  const table = words.by_country;
  const over = country && table && typeof table === 'object' ? (table as Record<string, unknown>)[country] : undefined;
  return over ? mergeWords(words, over) : words;
}

/** The language's article contractions applied to a drafted text: Spanish «a el Instituto» -> «al Instituto». */
export function contract(text: string, words: Record<string, unknown>): string {
  const table = words.contractions;
  if (!table || typeof table !== 'object') return text;
  let out = text;
  for (const [from, to] of Object.entries(table as Record<string, unknown>)) {
    if (typeof to === 'string') out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'gu'), to);
  }
  return out;
}
