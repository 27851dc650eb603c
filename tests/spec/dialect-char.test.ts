// dialectCharOk answers ASCII without its Unicode-property pattern (a start-up saving); the answer
// must be the pattern's for every character, ASCII or not.
import { describe, expect, it } from 'vitest';
import { dialectCharOk } from '../../src/spec/schema.js';

const byPattern = (c: string, role: 'delimiter' | 'text_qualifier') =>
  (role === 'delimiter' && c === '\t') || !/[\p{L}\p{N}\p{M}\p{Cc}\p{Cf}\p{Z}\s]/u.test(c);

describe('dialectCharOk', () => {
  it('agrees with the Unicode-property rule for every character of the Basic Multilingual Plane', () => {
    const differ: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      const c = String.fromCharCode(cp);
      for (const role of ['delimiter', 'text_qualifier'] as const) {
        if (dialectCharOk(c, role) !== byPattern(c, role)) differ.push(`U+${cp.toString(16)} ${role}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('takes the usual delimiters and refuses letters, digits, spaces and controls', () => {
    for (const c of [',', ';', '|', '"', "'", '~', '!']) expect(dialectCharOk(c, 'text_qualifier')).toBe(true);
    expect(dialectCharOk('\t', 'delimiter')).toBe(true);
    for (const c of ['a', 'Z', '0', ' ', '\t', '\x7f', '\x00', 'é', '\u00a0', '']) expect(dialectCharOk(c, 'text_qualifier')).toBe(false);
  });
});
