// "a, b and c" in each language's words (src/compose/words.ts joinList): the conjunction between
// spaces, or written onto the next word where the language does so (Arabic و), never onto a word
// of another script.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { joinList } from '../../src/compose/words.js';

const words = (lang: string) => parse(readFileSync(new URL(`../../templates/${lang}/words.yaml`, import.meta.url), 'utf8')) as { and: string; list_separator?: string };
const join = (lang: string, items: string[]) => joinList(items, words(lang).and, words(lang).list_separator ?? ', ');

describe('lists in a sentence', () => {
  it('puts the conjunction between spaces in English, Spanish and Russian', () => {
    expect(join('en', ['a', 'b', 'c'])).toBe('a, b and c');
    expect(join('es', ['uno', 'dos'])).toBe('uno y dos');
    expect(join('ru', ['первый', 'второй', 'третий'])).toBe('первый, второй и третий');
    expect(join('en', ['alone'])).toBe('alone');
    expect(join('en', [])).toBe('');
  });

  it('writes Arabic و onto the word after it, but not onto a Latin word or a number', () => {
    expect(join('ar', ['الاسم', 'العنوان', 'الهاتف'])).toBe('الاسم، العنوان والهاتف');
    expect(join('ar', ['الاسم', 'voter_id'])).toBe('الاسم و voter_id');
    expect(join('ar', ['voter_id', '2027'])).toBe('voter_id و 2027');
  });
});
