// Characters the PDF cannot draw, traced back to the spec values that hold them, so the message names
// the file, line and column rather than a glyph somewhere in a PDF. `oedr draft` asks the loaded
// fonts; `oedr validate` asks fonts/coverage.json, so that it never loads fontkit or the TTFs.
import { readFileSync } from 'node:fs';
import type { Diagnostic, Severity } from '../errors.js';
import { formatPath } from '../errors.js';
import type { ParsedYaml } from '../spec/yaml.js';
import { PRINTABLE_ASCII, needsGlyph, notCoveredMessage } from '../writers/pdf-fonts.js';

/** What to do about it; validate and draft give the same advice in the same words. */
export const PDF_ADVICE = 'so the PDF cannot be made; write this value in Latin script, or draft with --format docx,md';

export interface CoverageOptions {
  /** `error` for draft (the PDF is refused), `warning` for validate (only the PDF is affected). */
  severity?: Severity;
  rule?: string;
}

export function uncoveredInSpec(data: unknown, covers: (cp: number) => boolean, yaml: ParsedYaml | undefined, file: string,
  { severity = 'error', rule = 'font-coverage' }: CoverageOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  // One path, pushed and popped as the walk goes, copied only for a report: validate walks every
  // value of every spec, and a new array per value was most of this function's time.
  const path: (string | number)[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      // Printable ASCII is in every Latin font: most values need no lookup at all.
      if (PRINTABLE_ASCII.test(v)) return;
      const bad = [...new Set([...v].map((c) => c.codePointAt(0)!))].filter((cp) => needsGlyph(cp) && !covers(cp));
      if (bad.length) {
        const at = [...path];
        out.push({ severity, rule, file, path: formatPath(at), ...yaml?.locate(at), message: `${notCoveredMessage(bad)}, ${PDF_ADVICE}` });
      }
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        path.push(k);
        walk((v as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  walk(data);
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
