// The deviations of a follow-up letter in the letter's own words (words.yaml `deviations`): what
// each difference is, what our request asked for, and, in a language other than English, what was
// received, built from a finding's kind, counts, lines and examples rather than its English message.
import { effectiveDialect } from '../spec/dialect.js';
import { joinList } from '../compose/words.js';
import { inDigits } from '../document.js';
import type { DatasetSpec } from '../spec/schema.js';
import type { Finding } from './model.js';

export interface DeviationWords {
  what: Record<string, string>;
  requested: Record<string, string>;
  separators: Record<string, string>;
  quotes: Record<string, string>;
  other_character: string;
  types: Record<string, string>;
  detected: Record<string, string>;
  line: string;
  lines: string;
  in_all: string;
  pair: string;
  received: Record<string, string>;
}

/** The language's words for listing deviations, with how it writes numbers and lists. */
export interface LetterWords {
  deviations: DeviationWords; and: string; separator: string; thousands: string;
  /** The language's ten digits for 0-9 (words.yaml `digits`: Devanagari, Bengali); absent: 0-9. */
  digits?: string;
}

/** Examples named in the letter; the counts are always exact. */
export const EXAMPLES = 5;

const fill = (template: string, values: Record<string, string | undefined>) =>
  template.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all);

/** 12345 as "12,345" (or "12 345", "12.345": the language's thousands separator). */
export const count = (n: number, w: LetterWords) => digits(String(n).replace(/\B(?=(\d{3})+(?!\d))/g, w.thousands), w);

/** 0-9 in the language's digits ("२०२७-०१-०१"), where words.yaml gives them. */
const digits = (s: string, w: LetterWords) => inDigits(s, w.digits);

/** "a", "a and b", "a, b and c", in the language's words. */
export const listOf = (xs: string[], w: LetterWords): string => joinList(xs, w.and, w.separator);

/** The first few of `total`, and how many in all when there are more. */
function some(xs: string[], total: number, w: LetterWords): string {
  const shown = xs.slice(0, EXAMPLES);
  return total > shown.length ? fill(w.deviations.in_all, { list: shown.join(w.separator), count: count(total, w) }) : listOf(shown, w);
}

const separatorName = (c: string, w: DeviationWords) => w.separators[c] ?? fill(w.other_character, { character: c });
const quoteName = (c: string, w: DeviationWords) => w.quotes[c] ?? fill(w.other_character, { character: c });

/** What the letter asked for, for one kind of finding. */
export function requestedText(f: Finding, d: DatasetSpec, w: LetterWords): string {
  const r = w.deviations.requested;
  const dialect = effectiveDialect(d);
  const field = d.fields.find((x) => x.name === f.field);
  const type = field?.type ?? 'string';
  switch (f.aspect) {
    case 'format': return fill(r.format!, { format: dialect.format.toUpperCase() });
    case 'encoding': return fill(r.encoding!, { encoding: dialect.encoding });
    case 'delimiter': return fill(r.delimiter!, { delimiter: separatorName(dialect.delimiter ?? ',', w.deviations) });
    case 'text-qualifier': return fill(r['text-qualifier']!, { qualifier: quoteName(dialect.textQualifier ?? '"', w.deviations) });
    case 'line-endings': return r['line-endings']!;
    case 'header-row': return dialect.headerRow ? r['header-row']! : r['no-header-row']!;
    case 'structure': return r.structure!;
    case 'fields': return fill(r.fields!, { fields: d.fields.map((x) => x.name).join(w.separator) });
    case 'values': return fill(type === 'number' ? r['values-decimal']! : r.values!, { type: w.deviations.types[type] ?? type, decimal: dialect.decimalSeparator, field: f.field });
    case 'required': return fill(r.required!, { field: f.field });
    case 'duplicates': return r.duplicates!;
    case 'time-range':
      if (!d.time_range) return r.other!;
      return fill(f.field ? r['time-range-field']! : r['time-range']!, { from: digits(d.time_range.from, w), to: digits(d.time_range.to, w), field: f.field });
    // The request's own words, quoted as written (other spec text is not recased either).
    case 'totals': return d.summary_totals ? fill(r['totals-described']!, { described: d.summary_totals.trim().replace(/\.$/, '') }) : r.totals!;
    default: return r.other!;
  }
}

/** What was received, for a letter in another language than English: the kind's sentence with its facts. */
export function receivedText(f: Finding, w: LetterWords): string {
  const dw = w.deviations;
  const template = dw.received[`${f.aspect}.${f.kind}`] ?? dw.received.other!;
  const details = f.details ?? [];
  const total = f.count ?? details.length;
  const lines = f.lines ?? [];
  const where = lines.length === 1 && total <= 1 ? fill(dw.line, { line: count(lines[0]!, w) })
    : fill(dw.lines, { list: some(lines.map((l) => count(l, w)), Math.max(total, lines.length), w) });
  return fill(template, {
    count: count(total, w),
    where,
    // `line 4: "x"` (the report's example) as `line 4 ("x")` in the letter's words; a cell (`Sheet1!C4: "x"`) keeps its name.
    examples: some(details.map((x) => x.replace(/^line (\d+): (.*)$/s, (_, n: string, v: string) => `${fill(dw.line, { line: count(Number(n), w) })} (${v})`)
      .replace(/^(.+?![A-Z]*\d+(?::\d+)?): (.*)$/s, '$1 ($2)')), total, w),
    found: found(f, dw),
    field: f.field,
    list: some(listItems(f, dw), total, w),
  });
}

/** What the file has instead: a separator, a quote, a kind of file or an encoding's name. */
function found(f: Finding, w: DeviationWords): string | undefined {
  if (f.found === undefined) return undefined;
  if (f.aspect === 'delimiter') return separatorName(f.found, w);
  if (f.aspect === 'text-qualifier') return quoteName(f.found, w);
  if (f.aspect === 'format') return w.detected[f.found] ?? f.found;
  return f.found;
}

/** The names a fields finding concerns: a column, or the name delivered for the one requested. */
function listItems(f: Finding, w: DeviationWords): string[] {
  const details = f.details ?? [];
  const pair = (m: RegExpExecArray | null, x: string) => (m ? fill(w.pair, { delivered: m[1], requested: m[2] }) : x);
  if (f.kind === 'renamed') return details.map((x) => pair(/^("[^"]*") should be named ("[^"]*")/.exec(x), x));
  if (f.kind === 'mapped') return details.map((x) => pair(/^("[^"]*") holds (.*)$/s.exec(x), x));
  if (f.kind === 'other-header') return details.map((x) => x.slice(0, x.indexOf(': ')));
  return details;
}
