// Characters that are never text: controls, noncharacters, halves of surrogate pairs, and the
// bidirectional controls that reorder what a reader sees (U+202E). One definition for validating
// input (specs, delivered data) and for showing input on a terminal.

/**
 * C0 controls but tab, line feed and carriage return, DEL and C1, bidi embeddings, overrides and
 * isolates, noncharacters, lone surrogates. A carriage return is not text either (below), but a
 * line may end in CR LF.
 */
const NOT_TEXT_SOURCE = String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;
const NOT_TEXT = new RegExp(`${NOT_TEXT_SOURCE}|\r`);

/** What kind of character `c` (one that is never text) is, for messages. */
export function kindOf(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return 'half of a surrogate pair, not a character';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'a bidirectional control character, which can reorder what a reader sees';
  if (cp >= 0xfdd0) return 'a noncharacter';
  return 'a control character';
}

/** The first character that is never text, with its index, or undefined. */
export function firstNotText(value: string): { char: string; index: number } | undefined {
  const m = NOT_TEXT.exec(value);
  return m ? { char: m[0], index: m.index } : undefined;
}

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0');
/**
 * `\x1B`, `\u202E`: a character written out as an escape a reader can see. Above U+001F always
 * the \u form, which is also a valid escape inside a JSON string (`--json` output passes here too).
 */
const escape = (c: string) => (c.charCodeAt(0) < 0x20 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);

const IN_VALUE = new RegExp(`${NOT_TEXT_SOURCE}|[\\n\\r\\u2028\\u2029]`, 'g');
/**
 * A value from an input (a cell, a spec value, a file name) as it may be shown on one line of a
 * terminal: every character that is not text, and line breaks, written out as escapes, so that no
 * value can move the cursor, erase a line, start a forged one or reorder the text around it.
 */
export const visible = (value: string): string => value.replace(IN_VALUE, escape);

const IN_OUTPUT = new RegExp(`(\\x1B\\[[0-9;]*m)|${NOT_TEXT_SOURCE}|\\r(?!\\n)|[\\u2028\\u2029]`, 'g');
/**
 * Text the CLI writes to a stream, the last line of defence: line feeds, CR LF and tabs stay, and,
 * with colours on, the colour codes (SGR) chalk writes; every other control is written out as an escape.
 */
export const printable = (text: string, colours: boolean): string =>
  text.replace(IN_OUTPUT, (m, sgr: string | undefined) => (sgr && colours ? m : sgr ? sgr.replace('\x1B', '\\x1B') : escape(m)));
