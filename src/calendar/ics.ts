// Events -> RFC 5545 iCalendar text. Pure: no clock, no disk; the caller supplies every value, so
// the same events always give the same bytes.
import { addDays } from '../laws/dates.js';

export interface IcsEvent {
  uid: string;
  /** DTSTAMP, as YYYY-MM-DD: taken from the spec, never from the clock. */
  stamp: string;
  /** The all-day event's day, YYYY-MM-DD. */
  date: string;
  summary: string;
  description: string;
  /** A reminder this many days before the day, at 09:00 (VALARM), e.g. three working days before a limit. */
  alarmDaysBefore?: number;
}

export interface IcsCalendar {
  prodId: string;
  name?: string;
  events: readonly IcsEvent[];
}

const CRLF = '\r\n';
/** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;

export function toIcs(cal: IcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${cal.prodId}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (cal.name) lines.push(`X-WR-CALNAME:${escapeText(cal.name)}`);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${compact(e.stamp)}T000000Z`,
      `DTSTART;VALUE=DATE:${compact(e.date)}`,
      // DTEND is exclusive (RFC 5545 3.6.1), so a one-day event ends the next day.
      `DTEND;VALUE=DATE:${compact(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      // A deadline is a reminder, not a meeting: it should not show the day as busy.
      'TRANSP:TRANSPARENT',
      ...(e.alarmDaysBefore ? alarm(e.alarmDaysBefore, e.summary) : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** RFC 5545 3.6.6: an all-day event starts at midnight, so 09:00 n days before is n-1 days and 15 hours before. */
function alarm(days: number, summary: string): string[] {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(`Reminder: ${summary}`)}`, `TRIGGER:-P${days - 1}DT15H`, 'END:VALARM'];
}

/**
 * TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newline are escaped. Other
 * control characters are not allowed in TEXT at all; they become spaces rather than vanish.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, ' ');
}

/**
 * Folds one content line into pieces of at most 75 octets joined by CRLF + space (the space
 * counts towards the next piece). Splits only between code points, so a UTF-8 sequence is never
 * cut; a surrogate pair is one code point to `for...of`.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = pieces.length ? MAX_OCTETS - 1 : MAX_OCTETS;
    if (octets + size > limit) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += ch;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join(CRLF + ' ');
}

const compact = (iso: string) => iso.replace(/-/g, '');
