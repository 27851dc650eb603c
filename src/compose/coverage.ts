// Characters the PDF cannot draw, traced back to the spec values that hold them, so the message names
// the file, line and column rather than a glyph somewhere in a PDF. `oedr draft` asks the loaded
// fonts; `oedr validate` asks fonts/coverage.json, so that it never loads fontkit or the TTFs.
import { readFileSync } from 'node:fs';
import type { Diagnostic, Severity } from '../errors.js';
import { formatPath } from '../errors.js';
import type { ParsedYaml } from '../spec/yaml.js';
import { needsGlyph, notCoveredMessage } from '../writers/pdf-fonts.js';

/** What to do about it; validate and draft give the same advice in the same words. */
export const PDF_ADVICE = 'so the PDF cannot be made; write this value in Latin script, or draft with --format docx,md';

const PRINTABLE_ASCII = /^[\x20-\x7e\t\n\r]*$/;

export interface CoverageOptions {
  /** `error` for draft (the PDF is refused), `warning` for validate (only the PDF is affected). */
  severity?: Severity;
  rule?: string;
}

export function uncoveredInSpec(data: unknown, covers: (cp: number) => boolean, yaml: ParsedYaml | undefined, file: string,
  { severity = 'error', rule = 'font-coverage' }: CoverageOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') {
      // Printable ASCII is in every Latin font: most values need no lookup at all.
      if (PRINTABLE_ASCII.test(v)) return;
      const bad = [...new Set([...v].map((c) => c.codePointAt(0)!))].filter((cp) => needsGlyph(cp) && !covers(cp));
      if (bad.length) {
        out.push({ severity, rule, file, path: formatPath(path), ...yaml?.locate(path), message: `${notCoveredMessage(bad)}, ${PDF_ADVICE}` });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return out;
}

let ranges: [number, number][] | undefined;

/**
 * Whether every bundled face draws `cp`, from fonts/coverage.json (written by
 * scripts/font-coverage.mjs from the TTFs, and checked against them by the tests).
 */
export function bundledFontsCover(cp: number): boolean {
  ranges ??= (JSON.parse(readFileSync(new URL('../../fonts/coverage.json', import.meta.url), 'utf8')) as { ranges: [number, number][] }).ranges;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last] = ranges[mid]!;
    if (cp < first) hi = mid - 1;
    else if (cp > last) lo = mid + 1;
    else return true;
  }
  return false;
}
