// The Unicode bidirectional algorithm (UAX #9) for the PDF writer, from bidi-js, loaded only for a
// paragraph that is right to left or holds right-to-left text: embedding levels per character,
// the visual order of a line's runs (rule L2) and mirrored brackets.
import { createRequire } from 'node:module';

interface BidiJs {
  getEmbeddingLevels(text: string, direction: 'ltr' | 'rtl'): { levels: Uint8Array };
  getMirroredCharacter(ch: string): string | null;
}
let lib: BidiJs | undefined;
const bidi = (): BidiJs => (lib ??= (createRequire(import.meta.url)('bidi-js') as () => BidiJs)());

/** Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and the Arabic presentation forms. */
const RTL_TEXT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/** The embedding level of each UTF-16 unit of a paragraph, or null when it is all left to right. */
export function paragraphLevels(text: string, rtl: boolean): Uint8Array | null {
  if (!rtl && !RTL_TEXT.test(text)) return null;
  return bidi().getEmbeddingLevels(text, rtl ? 'rtl' : 'ltr').levels;
}

/** The character drawn for `ch` in right-to-left text: "(" as ")", "«" as "»". */
export function mirrored(ch: string): string {
  return bidi().getMirroredCharacter(ch) ?? ch;
}

/**
 * `items` of one line (logical order, each of one level) in the order they are drawn, left to
 * right: from the highest level down to the lowest odd one, every run of items at that level or
 * higher is reversed (UAX #9 rule L2).
 */
export function visualOrder<T>(items: readonly T[], level: (item: T) => number): T[] {
  const out = items.slice();
  let max = 0;
  let min = 255;
  for (const it of items) {
    const l = level(it);
    if (l > max) max = l;
    if (l < min) min = l;
  }
  const lowest = Math.max(1, min % 2 === 1 ? min : min - 1);
  for (let lv = max; lv >= lowest; lv--) {
    for (let i = 0; i < out.length; ) {
      if (level(out[i]!) < lv) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && level(out[j]!) >= lv) j++;
      const run = out.slice(i, j).reverse();
      out.splice(i, j - i, ...run);
      i = j;
    }
  }
  return out;
}
