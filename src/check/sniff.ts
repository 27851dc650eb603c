// Which delimiter and text qualifier a delimited file really uses, guessed from its first lines,
// so that a semicolon file asked for as comma-separated is still read column by column.

const CANDIDATES = [',', ';', '\t', '|', ':'];

/** The first complete lines of `head`, at most `max` of them, with quoted text left out. */
function sampleLines(head: string, quote: string, max = 50): string[] {
  const cut = head.lastIndexOf('\n');
  const text = cut > 0 ? head.slice(0, cut) : head;
  const stripped = quote ? text.split(quote).filter((_, k) => k % 2 === 0).join('') : text;
  return stripped.split(/\r\n|\n|\r/).filter((l) => l.length > 0).slice(0, max);
}

function consistency(lines: string[], d: string): { score: number; columns: number } {
  const counts = lines.map((l) => l.split(d).length - 1);
  const tally = new Map<number, number>();
  for (const c of counts) if (c > 0) tally.set(c, (tally.get(c) ?? 0) + 1);
  let best = 0;
  let columns = 0;
  for (const [c, t] of tally) if (t > best || (t === best && c > columns)) { best = t; columns = c; }
  return { score: lines.length ? best / lines.length : 0, columns: columns + 1 };
}

/**
 * The delimiter of the file: the requested one when it splits most lines into the same number of
 * columns, else the candidate that does so best. Undefined when no candidate splits any line (a
 * file of one column, or not delimited at all).
 */
export function sniffDelimiter(head: string, requested: string, quote: string): string | undefined {
  const lines = sampleLines(head, quote);
  if (!lines.length) return undefined;
  const asked = consistency(lines, requested);
  if (asked.score >= 0.9) return requested;
  let best: { d: string; score: number; columns: number } | undefined;
  for (const d of CANDIDATES) {
    if (d === requested) continue;
    const c = consistency(lines, d);
    if (c.score >= 0.9 && (!best || c.score > best.score || (c.score === best.score && c.columns > best.columns))) best = { d, ...c };
  }
  if (best) return best.d;
  return asked.score > 0 ? requested : undefined;
}

/**
 * The text qualifier the file uses: `"` or `'` when values start and end with it next to a
 * delimiter or line break, else undefined (nothing needed quoting, which is fine).
 */
export function sniffQualifier(head: string, delimiter: string): string | undefined {
  const d = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const count = (q: string) => (head.match(new RegExp(`(?:^|${d}|\\n)${q}[^${q}\\r\\n]*${q}(?=${d}|\\r|\\n|$)`, 'g')) ?? []).length;
  const dq = count('"');
  const sq = count("'");
  if (!dq && !sq) return undefined;
  return sq > dq ? "'" : '"';
}

/**
 * The delimiter and qualifier of the file together: the qualifier is looked for next to the
 * delimiter the file really uses, so that the quotes of a semicolon file asked for as
 * comma-separated are found, and the delimiter is judged again when that qualifier is not the one
 * it was first judged with.
 */
export function sniffDialect(head: string, delimiter: string, quote: string): { delimiter?: string; qualifier?: string } {
  let qualifier = sniffQualifier(head, delimiter);
  let found = sniffDelimiter(head, delimiter, qualifier ?? quote);
  if (found !== undefined && found !== delimiter) {
    const q = sniffQualifier(head, found);
    if ((q ?? quote) !== (qualifier ?? quote)) found = sniffDelimiter(head, delimiter, q ?? quote);
    qualifier = q;
  }
  return { delimiter: found, qualifier };
}

export const delimiterName = (d: string): string =>
  ({ ',': 'commas (",")', ';': 'semicolons (";")', '\t': 'tabs', '|': 'vertical bars ("|")', ':': 'colons (":")' })[d]
  ?? `"${d}" characters`;

export const qualifierName = (q: string): string =>
  ({ '"': 'double quotes (")', "'": "single quotes (')" })[q] ?? `"${q}" characters`;
