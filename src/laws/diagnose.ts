// zod issues in a laws file -> diagnostics at file:line:col. Kept apart from spec/diagnose.ts,
// whose wording is tuned to request specs (its rules name spec concepts).
import type { z } from 'zod';
import { formatPath, type Diagnostic } from '../errors.js';
import { closest } from '../spec/suggest.js';
import type { ParsedYaml } from '../spec/yaml.js';

type Issue = z.core.$ZodIssue & { input?: unknown };

export function lawIssues(issues: readonly Issue[], known: (path: readonly PropertyKey[]) => string[], yaml: ParsedYaml, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: readonly PropertyKey[], rule: string, message: string, key = false) =>
    out.push({ severity: 'error', rule, message, file, ...yaml.locate(path, key), path: formatPath(path) || undefined });
  // A misspelt key also makes the right key "missing"; report only the misspelling.
  const guessed = new Set(issues.flatMap((i) => (i.code === 'unrecognized_keys'
    ? i.keys.map((k) => closest(k, known(i.path))).filter((g) => g !== undefined).map((g) => formatPath([...i.path, g])) : [])));
  for (const issue of issues) {
    if (issue.code === 'invalid_type' && issue.input === undefined && guessed.has(formatPath(issue.path))) continue;
    const got = describe(issue.input, yaml.sourceAt(issue.path));
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const keys = known(issue.path);
          const guess = closest(key, keys);
          at([...issue.path, key], 'unknown-key', `unknown key \`${key}\`${guess ? ` (did you mean \`${guess}\`?)` : `; expected one of: ${keys.join(', ')}`}`, true);
        }
        break;
      case 'invalid_type':
        if (issue.input === undefined && typeof issue.path.at(-1) === 'string') at(issue.path, 'required', `missing required key \`${String(issue.path.at(-1))}\` (${issue.expected})`);
        else at(issue.path, 'type', `expected ${issue.expected}, got ${got}`);
        break;
      case 'invalid_value': {
        const values = issue.values.map(String);
        const guess = typeof issue.input === 'string' ? closest(issue.input, values) : undefined;
        at(issue.path, 'enum', `expected one of ${values.join(', ')}; got ${got}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
        break;
      }
      default:
        at(issue.path, issue.code === 'custom' ? 'invalid' : issue.code.replace(/_/g, '-'), `${issue.message}; got ${got}`);
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function describe(v: unknown, source?: string): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (typeof v === 'number' || typeof v === 'boolean') return source?.trim() ?? String(v);
  return Array.isArray(v) ? `a list of ${v.length}` : 'a mapping';
}
