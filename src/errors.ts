// One error type for the whole program. Problems in user input are Diagnostics with a place;
// the CLI turns them into exit codes at the edge (see README, "Exit codes").

import { visible } from './characters.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `unknown-key` or `time-range-order`; shown in brackets and in --json. */
  rule: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  /** Path in the spec, e.g. `datasets[0].fields[2].name`. */
  path?: string;
}

/**
 * Warnings about the law registry or the law itself, not about the spec: a row of low confidence,
 * a period the registry cannot count, a form the law prescribes, who the law admits, a court as the
 * next step. Nothing in the spec can make them go away, so --strict, which is for the user's
 * mistakes, does not fail on them (a CI job would otherwise fail for ever).
 */
const ADVISORY_RULES = new Set(['law-low-confidence', 'law-no-statutory-date', 'law-prescribed-form', 'law-citizens-only', 'appeal-is-court']);

/** Whether a diagnostic fails the spec: an error, or under --strict a warning about the spec. */
export const failsSpec = (d: Diagnostic, strict: boolean | undefined): boolean =>
  d.severity === 'error' || (Boolean(strict) && !ADVISORY_RULES.has(d.rule));

/** Exit codes, documented in the README. Chosen only in src/cli. */
export const ExitCode = {
  ok: 0,
  invalid: 1, // a spec has errors (or warnings under --strict); a check failed
  usage: 2, // bad command line
  input: 3, // a file could not be read or written
  render: 4, // a template or a writer failed
  send: 5, // a letter could not be sent (nothing was recorded as sent)
  internal: 70, // a bug in oedr
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class OedrError extends Error {
  constructor(
    readonly code: ExitCode,
    readonly diagnostics: Diagnostic[],
  ) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'OedrError';
  }
}

/** Shorthand for a one-diagnostic error. */
export function fail(code: ExitCode, rule: string, message: string, where: Partial<Diagnostic> = {}): never {
  throw new OedrError(code, [{ severity: 'error', rule, message, ...where }]);
}

/** `file:line:col path: message [rule]`, the one textual form of a diagnostic. */
export function formatDiagnostic(d: Diagnostic): string {
  // File names, paths and messages hold values from the input: each shown as one line, its control
  // characters written out (a spec value must not forge a line or erase one).
  let place = visible(d.file ?? '');
  if (d.file && d.line !== undefined) place += `:${d.line}:${d.col ?? 1}`;
  const head = [place, d.path && visible(d.path)].filter(Boolean).join(' ');
  const prefix = head ? `${head}: ` : '';
  const sev = d.severity === 'warning' ? 'warning: ' : '';
  return `${prefix}${sev}${visible(d.message)} [${d.rule}]`;
}

/**
 * Drops diagnostics whose textual form repeats an earlier one, keeping the first and the order.
 * Letters of one spec share most values, so a problem in a shared value would otherwise be reported once per letter.
 */
export function uniqueDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = formatDiagnostic(d);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Formats a spec path array as `datasets[0].fields[2].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}
