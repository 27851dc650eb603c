// Time units counted in the letter's language (compose/context-law.ts `counted`): a words.yaml unit
// with forms split by "|" takes the CLDR plural form for the number; a single word serves every number.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { countText } from '../../src/compose/context-law.js';
import type { Words } from '../../src/compose/context.js';
import { root } from '../helpers.js';

const words = (code: string) => parse(readFileSync(join(root, 'templates', code, 'words.yaml'), 'utf8')) as Words;

describe('counted time units', () => {
  it('gives Russian its three forms: 1 and 21, 2-4 and 22-24, 5-20 and 25-30', () => {
    const ru = words('ru');
    expect([1, 2, 4, 5, 10, 11, 14, 21, 22, 24, 25].map((n) => countText(ru, n, 'working-days', 'ru'))).toEqual([
      '1 рабочий день', '2 рабочих дня', '4 рабочих дня', '5 рабочих дней', '10 рабочих дней', '11 рабочих дней',
      '14 рабочих дней', '21 рабочий день', '22 рабочих дня', '24 рабочих дня', '25 рабочих дней',
    ]);
    expect(countText(ru, 3, 'months', 'ru')).toBe('3 месяца');
  });

  it('keeps a unit given as one word for every number', () => {
    const en = words('en');
    const days = (en.units as Record<string, string>)['working-days'];
    expect([1, 10].map((n) => countText(en, n, 'working-days', 'en'))).toEqual([`1 ${days}`, `10 ${days}`]);
  });
});
