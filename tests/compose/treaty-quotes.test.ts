// The treaty texts a letter's note quotes (templates/<lang>/notes.md.hbs), held against their sources in
// laws/instruments.json: every span in quotation marks is an official text the registry lists with a source
// and high or medium confidence, and a note that renders any provision unverified says it is unofficial.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers.js';

interface Translation { lang: string; quotes: string[]; citation?: string; source: string; confidence: string }
interface Instrument { id: string; translations?: Translation[] }

const instruments = (JSON.parse(readFileSync(join(root, 'laws/instruments.json'), 'utf8')) as { instruments: Instrument[] }).instruments;
const note = (lang: string) => readFileSync(join(root, 'templates', lang, 'notes.md.hbs'), 'utf8');

/** The sentence each note ends with, saying that what is not in quotation marks is an unofficial translation. */
const UNOFFICIAL: Record<string, string> = {
  'pt-BR': 'Os trechos entre aspas reproduzem o texto oficial em português; os demais são paráfrases ou traduções livres.',
  ro: 'Textul dintre ghilimele este cel oficial; restul este redat rezumativ, în traducere neoficială.',
  ka: 'დებულებები მოკლედ არის გადმოცემული არაოფიციალური თარგმანით.',
  sr: 'Текст под наводницима преузет је из службеног превода објављеног у наведеном службеном гласилу; остало је сажетак у незваничном преводу.',
};

/** The spans set in quotation marks (“…”, „…”, „…“), but one-letter labels such as „ა“. */
function quoted(text: string): string[] {
  return [...text.matchAll(/[“„]([^“”]{2,})[“”]/g)].map((m) => m[1]!);
}

describe('treaty texts quoted in the notes', () => {
  it.each(Object.keys(UNOFFICIAL))('%s: quotes only the official texts the registry sources, and says the rest is unofficial', (lang) => {
    const entries = instruments.flatMap((i) => (i.translations ?? []).filter((t) => t.lang === lang).map((t) => ({ ...t, id: i.id })));
    expect(entries.map((e) => e.id)).toEqual(expect.arrayContaining(['iccpr', 'echr']));
    for (const e of entries) {
      expect(e.source.length, `${lang} ${e.id}`).toBeGreaterThan(40);
      expect(['high', 'medium', 'low'], `${lang} ${e.id}`).toContain(e.confidence);
      // A text the registry could not verify is never quoted.
      if (e.confidence === 'low') expect(e.quotes, `${lang} ${e.id}`).toEqual([]);
    }
    const official = entries.flatMap((e) => e.quotes);
    const citations = entries.flatMap((e) => quoted(e.citation ?? ''));
    const inNote = quoted(note(lang));
    expect(inNote.filter((q) => !official.includes(q) && !citations.includes(q))).toEqual([]);
    expect(official.filter((q) => !inNote.includes(q))).toEqual([]);
    if (entries.some((e) => e.confidence === 'low')) expect(note(lang)).toContain(UNOFFICIAL[lang]);
  });

  it('reads a quotation out of each style of quotation mark, and not a one-letter label', () => {
    expect(quoted('a “b c” „d e” „f g“ „ა“')).toEqual(['b c', 'd e', 'f g']);
  });
});
