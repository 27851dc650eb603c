// Every language folder under templates/ is a whole letter set: each template and partial that
// templates/en has, and every key path of templates/en/words.yaml (a missing word would print its
// id in a letter, a missing template would fail at draft time). Read from the folders themselves,
// so a language added later is held to the same rule.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers.js';

const dir = join(root, 'templates');
const languages = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const templates = (lang: string, sub = '') =>
  existsSync(join(dir, lang, sub)) ? readdirSync(join(dir, lang, sub)).filter((f) => f.endsWith('.md.hbs')).sort() : [];

/** Every key path of a words.yaml mapping with the kind of its value, e.g. phrases.closing (text). Lists are one value. */
function keyPaths(value: unknown, prefix: string[] = []): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${prefix.join('\u0000')} (${Array.isArray(value) ? 'list' : 'text'})`];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, [...prefix, k]));
}
const words = (lang: string) => parse(readFileSync(join(dir, lang, 'words.yaml'), 'utf8')) as Record<string, unknown>;
const shown = (path: string) => path.split('\u0000').join('.');

describe('language sets', () => {
  const en = { top: templates('en'), partials: templates('en', 'partials'), keys: keyPaths(words('en')) };

  it('finds the English set and at least the Spanish and Arabic ones', () => {
    expect(en.top).toContain('notes.md.hbs');
    expect(en.partials).toContain('appeal-grounds.md.hbs');
    expect(en.keys).toContain(`${['phrases', 'closing'].join('\u0000')} (text)`);
    expect(en.keys).toContain('months (list)');
    expect(languages).toEqual(expect.arrayContaining(['en', 'es', 'ar']));
  });

  for (const lang of languages.filter((l) => l !== 'en')) {
    it(`${lang} has every template and partial of en`, () => {
      expect(en.top.filter((f) => !templates(lang).includes(f)), `templates/${lang}`).toEqual([]);
      expect(en.partials.filter((f) => !templates(lang, 'partials').includes(f)), `templates/${lang}/partials`).toEqual([]);
    });

    it(`${lang}/words.yaml has every key path of en/words.yaml, each of the same kind`, () => {
      const own = new Set(keyPaths(words(lang)));
      expect(en.keys.filter((k) => !own.has(k)).map(shown), `templates/${lang}/words.yaml`).toEqual([]);
      const months = words(lang).months;
      expect(Array.isArray(months) && months.length === 12 && months.every((m) => typeof m === 'string' && m !== ''), `${lang} months`).toBe(true);
    });
  }
});
