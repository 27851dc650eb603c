// The RFC 5545 writer on its own: TEXT escaping, 75-octet folding that keeps UTF-8 whole, CRLF,
// all-day dates. ical.js reads the result back, so "valid" means valid to another parser.
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { escapeText, foldLine, toIcs } from '../../src/calendar/ics.js';

/** Each physical line as UTF-8 bytes; a fatal decoder throws if a fold cut a character. */
function physicalLines(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      const line = bytes.subarray(start, i);
      expect(line.length).toBeLessThanOrEqual(75);
      lines.push(decoder.decode(line));
      start = i + 2;
    }
  }
  if (start < bytes.length) lines.push(decoder.decode(bytes.subarray(start)));
  return lines;
}

const unfold = (s: string) => s.replace(/\r\n /g, '');

describe('escapeText', () => {
  test('escapes backslash, semicolon, comma and newline, in that one pass', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    expect(escapeText('already \\n escaped?')).toBe('already \\\\n escaped?');
    expect(escapeText('CRLF\r\nand CR\rend')).toBe('CRLF\\nand CR\\nend');
    expect(escapeText('colon: and "quotes" stay')).toBe('colon: and "quotes" stay');
  });

  test('control characters that TEXT forbids become spaces; tab stays', () => {
    expect(escapeText('a\u0007b\tc\u007fd')).toBe('a b\tc d');
  });
});

describe('foldLine', () => {
  test('a line of 75 octets is left alone; 76 folds with CRLF and one space', () => {
    const a75 = 'X'.repeat(75);
    expect(foldLine(a75)).toBe(a75);
    expect(foldLine(a75 + 'Y')).toBe(`${a75}\r\n Y`);
  });

  test('continuation lines hold 74 octets after the space', () => {
    const folded = foldLine('Z'.repeat(75 + 74 + 1));
    expect(folded.split('\r\n').map((l) => Buffer.byteLength(l))).toEqual([75, 75, 2]);
  });

  test.each([
    ['é (2 octets) across octet 75', 'é'],
    ['€ (3 octets) across octet 75', '€'],
    ['🗳 (4 octets, a surrogate pair) across octet 75', '🗳️'],
  ])('never splits %s', (_name, ch) => {
    for (let pad = 70; pad <= 76; pad++) {
      const line = 'S'.repeat(pad) + ch.repeat(40) + 'end';
      const folded = foldLine(line);
      const lines = physicalLines(folded);
      expect(lines.length).toBeGreaterThan(1);
      expect(unfold(folded)).toBe(line);
    }
  });

  test('the first piece stops before a multibyte character that would pass octet 75', () => {
    const folded = foldLine('SUMMARY:' + 'a'.repeat(66) + 'Łódź');
    // 74 ASCII octets fit; "Ł" (2 octets) would make 76, so it starts the next line.
    expect(folded).toBe(`SUMMARY:${'a'.repeat(66)}\r\n Łódź`);
    physicalLines(folded);
  });
});

describe('toIcs', () => {
  const event = {
    uid: 'abc@oedr', stamp: '2026-12-18', date: '2026-12-31',
    summary: 'Réponse due; «élections», 2026 — ✓',
    description: `Line one; with, commas\\ and a backslash\nLine two: ${'ü'.repeat(60)}`,
  };
  const text = toIcs({ prodId: '-//oedr//oedr 9.9.9//EN', events: [event] });

  test('CRLF only, every line at most 75 octets, no character split', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    physicalLines(text);
  });

  test('an all-day event ends the next day (across a year end); DTSTAMP comes from the given date', () => {
    const lines = unfold(text).split('\r\n');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTSTAMP:20261218T000000Z');
    expect(lines).toContain('PRODID:-//oedr//oedr 9.9.9//EN');
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
  });

  test('ical.js reads back the same text and dates', () => {
    const cal = new ICAL.Component(ICAL.parse(text));
    const [vevent] = cal.getAllSubcomponents('vevent');
    const e = new ICAL.Event(vevent);
    expect(e.uid).toBe('abc@oedr');
    expect(e.summary).toBe(event.summary);
    expect(e.description).toBe(event.description);
    expect(e.startDate.isDate).toBe(true);
    expect(e.startDate.toString()).toBe('2026-12-31');
    expect(e.endDate.toString()).toBe('2027-01-01');
  });
});
