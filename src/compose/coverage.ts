// Characters a writer cannot draw, traced back to the spec values that hold them, so the error
// names the file, line and column rather than a glyph somewhere in a PDF.
import type { Diagnostic } from '../errors.js';
import { formatPath } from '../errors.js';
import type { ParsedYaml } from '../spec/yaml.js';

export const describeChar = (cp: number) =>
  `"${String.fromCodePoint(cp)}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;

const drawable = (cp: number, covers: (cp: number) => boolean) => cp <= 0x20 || cp === 0xa0 || covers(cp);

export function uncoveredInSpec(data: unknown, covers: (cp: number) => boolean, yaml: ParsedYaml | undefined, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') {
      const bad = [...new Set([...v].map((c) => c.codePointAt(0)!).filter((cp) => !drawable(cp, covers)))];
      if (bad.length) {
        out.push({
          severity: 'error', rule: 'font-coverage', file, path: formatPath(path), ...yaml?.locate(path),
          message: `${bad.map(describeChar).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not covered by the PDF fonts (Noto Sans: Latin, Greek, Cyrillic); the PDF cannot show ${bad.length === 1 ? 'it' : 'them'}`,
        });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return out;
}
