// Turns zod issues into diagnostics that say where, what was expected and what was found.
import type { z } from 'zod';
import { formatPath, type Diagnostic } from '../errors.js';
import { characterHint, countryCodeHint, flowCommaHint, suggestValue } from './hints.js';
import { closest } from './suggest.js';
import type { ParsedYaml } from './yaml.js';

type Issue = z.core.$ZodIssue & { input?: unknown };

export function diagnoseIssues(issues: readonly Issue[], schema: z.ZodType, yaml: ParsedYaml, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A misspelt required key is one mistake, not two: "unknown `descripton` (did you mean
  // `description`?)" already says what is missing, so the "missing `description`" is dropped.
  const guessed = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = keysAt(schema, issue.path);
    for (const key of issue.keys) {
      const guess = closest(key, known);
      const flow = guess ? '' : flowCommaHint(valueAt(yaml.data, issue.path), key);
      const hint = guess ? ` (did you mean \`${guess}\`?)` : flow || (known.length ? `; expected one of: ${known.join(', ')}` : '');
      out.push(at([...issue.path, key], 'unknown-key', `unknown key \`${key}\`${hint}`, true));
      if (guess) guessed.add(formatPath([...issue.path, guess]));
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    if (issue.code === 'invalid_type' && issue.input === undefined && guessed.has(formatPath(issue.path))) continue;
    const { rule, message } = describeIssue(issue, yaml);
    out.push(at(issue.path, rule, message));
  }
  return out;

  function at(path: readonly PropertyKey[], rule: string, message: string, key = false): Diagnostic {
    return { severity: 'error', rule, message, file, ...yaml.locate(path, key), path: formatPath(path) || undefined };
  }
}

function describeIssue(issue: Issue, yaml: ParsedYaml): { rule: string; message: string } {
  const got = describeValue(issue.input, yaml.sourceAt(issue.path));
  switch (issue.code) {
    case 'invalid_type': {
      // Dates, emails and web addresses carry their own "expected …"; zod's default starts "Invalid input".
      const expected = issue.message.startsWith('Invalid input') ? typeName(issue.expected) : issue.message.replace(/^expected /, '');
      if (issue.input === undefined) {
        const key = issue.path.at(-1);
        return typeof key === 'string'
          ? { rule: 'required', message: `missing required key \`${key}\` (${expected})` }
          : { rule: 'required', message: `expected ${expected}, got nothing` };
      }
      const hint = expected === typeName(issue.expected) ? typeHint(issue.expected, issue.input) : '';
      return { rule: 'type', message: `expected ${expected}, got ${got}${hint}` };
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (values.length === 1) return { rule: 'value', message: `expected ${JSON.stringify(issue.values[0])}, got ${got}` };
      const guess = typeof issue.input === 'string' ? suggestValue(issue.input, values) : undefined;
      const hint = guess ? ` (did you mean \`${guess}\`?)` : '';
      const expected = values.length > 12 ? `one of ${values.slice(0, 6).join(', ')} ... (${values.length} names; see \`oedr schema\`)` : `one of ${values.join(', ')}`;
      return { rule: 'enum', message: `expected ${expected}; got ${got}${hint}` };
    }
    case 'invalid_format':
      // Only `text` is a bare regex about emptiness; a country code is a format like dates.
      if (issue.format === 'regex' && issue.message === 'expected text') return { rule: 'empty-text', message: `${issue.message}, got ${got}` };
      if (issue.format === 'date' && typeof issue.input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(issue.input)) {
        return { rule: 'format', message: `expected a real calendar date (YYYY-MM-DD); got ${got}, a day that does not exist` };
      }
      return { rule: 'format', message: `${issue.message}; got ${got}${issue.message.includes('country code') ? countryCodeHint(issue.input) : ''}` };
    case 'custom': {
      // Refinements name their rule in params (control characters, delimiters); the language tag
      // has none and is a format like dates and emails.
      const params = (issue.params ?? {}) as { rule?: string; detail?: string };
      return { rule: params.rule ?? 'format', message: `${issue.message}; got ${got}${params.detail ?? ''}` };
    }
    case 'too_small':
    case 'too_big':
      return { rule: issue.code.replace('_', '-'), message: `${issue.message}; got ${got}${characterHint(issue.path.at(-1), issue.input)}` };
    case 'invalid_union':
      return { rule: 'type', message: `expected text, a number or true/false; got ${got}` };
    default:
      return { rule: issue.code.replace(/_/g, '-'), message: `${issue.message}; got ${got}` };
  }
}

/** What to write instead, for the slips YAML makes easy: unquoted numbers, yes/no, quoted true. */
function typeHint(expected: string, input: unknown): string {
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
    return '; put the value in quotes so YAML keeps it as text';
  }
  if (expected === 'boolean' && typeof input === 'string') {
    if (/^(true|false)$/i.test(input)) return `; write ${input.toLowerCase()} without quotes`;
    if (/^(yes|no|on|off|y|n)$/i.test(input)) return '; write true or false (YAML 1.2 reads yes/no and on/off as text)';
  }
  return '';
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false',
    array: 'a list', object: 'a mapping of keys to values', literal: 'a fixed value',
  };
  return names[expected] ?? expected;
}

/** How a YAML value reads to its author: `"CSV"`, `the number 1234 (written 01234)`, `a list`. */
export function describeValue(v: unknown, source?: string): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (v === '') return 'an empty string';
  if (typeof v === 'string') return visible(JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v));
  if (typeof v === 'number') {
    const written = source && source.trim() !== String(v) ? ` (written ${source.trim()})` : '';
    return `the number ${v}${written}`;
  }
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (Array.isArray(v)) return v.length ? `a list of ${v.length}` : 'an empty list';
  return 'a mapping';
}

/**
 * JSON escapes C0 controls but not DEL, C1 controls, invisible format characters or spaces other than
 * U+0020; in a message they would show as nothing, or as a plain space, so write them as \\uXXXX too.
 */
const visible = (quoted: string) =>
  quoted.replace(/[\u007f-\u009f\p{Cf}\p{Z}]/gu, (c) => (c === ' ' ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`));

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** The keys an object schema allows at a path, for "did you mean". Walks zod's public wrappers. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const seg of [...path, null]) {
    s = unwrap(s);
    if (seg === null) break;
    const def = (s as { def?: { type?: string; element?: unknown; shape?: Record<string, unknown>; valueType?: unknown } }).def;
    if (def?.type === 'array' && typeof seg === 'number') s = def.element;
    else if (def?.type === 'object' && typeof seg === 'string') s = def.shape?.[seg];
    else if (def?.type === 'record' && typeof seg === 'string') s = def.valueType; // the ledger's letters by name
    else return [];
  }
  const shape = (s as { def?: { shape?: Record<string, unknown> } }).def?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  for (;;) {
    const def = (s as { def?: { type?: string; innerType?: unknown; in?: unknown } }).def;
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
}
