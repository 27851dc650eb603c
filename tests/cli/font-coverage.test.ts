// fonts/coverage.json is what `oedr validate` knows about the PDF fonts; it must be exactly what the
// TTFs say (regenerated here in memory), and agree with the PDF writer's own answer.
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { bundledFontsCover } from '../../src/compose/coverage.js';
import { createPdfWriter } from '../../src/writers/pdf.js';
// @ts-expect-error: a plain .mjs build script without type declarations
import { fontCoverage, OUTPUT } from '../../scripts/font-coverage.mjs';

test('fonts/coverage.json is up to date with the TTFs', async () => {
  const committed = await readFile(OUTPUT as URL, 'utf8');
  const fresh = (await (fontCoverage as () => Promise<string>)());
  expect(committed === fresh, 'fonts/coverage.json is stale: run `node scripts/font-coverage.mjs` and commit the result').toBe(true);
});

test('it agrees with the PDF writer on every code point of the Basic Multilingual Plane and beyond', async () => {
  const writer = await createPdfWriter();
  const covers = writer.covers!;
  const disagree: number[] = [];
  for (let cp = 0; cp <= 0x1ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) if (covers(cp) !== bundledFontsCover(cp)) disagree.push(cp);
  expect(disagree).toEqual([]);
  for (const ch of 'ŁąΩЖ€اनকሰა') expect(bundledFontsCover(ch.codePointAt(0)!), ch).toBe(true);
  for (const ch of 'ก中😀') expect(bundledFontsCover(ch.codePointAt(0)!), ch).toBe(false);
});
