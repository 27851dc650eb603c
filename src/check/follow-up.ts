// The deviations of `oedr check` as a follow-up letter lists them: for each file, each difference
// with what was requested and what was received, said once each, in plain words. The report's
// messages are written for the person running oedr (what to do next, "the checks below"); the
// letter keeps the facts and leaves the advice out, since the letter itself is the ask.
import { basename } from 'node:path';
import { visible } from '../characters.js';
import type { DatasetSpec } from '../spec/schema.js';
import { EXAMPLES, receivedText, requestedText, type LetterWords } from './follow-up-words.js';
import { andList, fmtCount, linesText, type FileReport, type Finding } from './model.js';

export interface FollowUpItem { what: string; requested: string; received: string }
export interface FollowUpFile { file: string; dataset: string; items: FollowUpItem[] }

/** "a", "a and b", "a, b and c", with ", and 12 more" when `count` is more than those shown. */
function listed(xs: string[], count = xs.length, sep = ', '): string {
  const shown = xs.slice(0, EXAMPLES);
  const rest = count - shown.length;
  if (rest > 0) return `${shown.join(sep)}${sep}and ${fmtCount(rest)} more`;
  // Items holding commas of their own (totals: "county X, candidate Y: …") are set apart by semicolons.
  return andList(shown, sep);
}

/** `line 4: "x"` (the report's example) as `line 4 ("x")`. */
const example = (d: string) => d.replace(/^(line \d+|.+?![A-Z]*\d+(?::\d+)?): (.*)$/s, '$1 ($2)');

/** What was received, for one finding: its facts once, without the report's advice. */
function received(f: Finding): string {
  const n = f.count ?? 0;
  const details = f.details ?? [];
  switch (f.aspect) {
    case 'values': {
      // The most common reason the report gives, without its advice ("a thousands separator; write whole numbers with digits only").
      const why = /as requested \((.+)\); first at/.exec(f.message)?.[1]?.split(';')[0];
      const hint = !why || why.startsWith('write') ? ''
        : /^(a |")/.test(why) ? ` (${n === 1 ? 'it has' : 'most have'} ${why})` : ` (${why})`;
      return `${fmtCount(n)} ${n === 1 ? 'value is' : 'values are'} not${hint}: ${listed(details.map(example), n)}`;
    }
    case 'required':
      // The places as the report gives them: lines of a file, cells of a sheet.
      return `${fmtCount(n)} ${n === 1 ? 'row has' : 'rows have'} none (${/ \(([^()]+)\)\.$/.exec(f.message)?.[1] ?? linesText(f.lines ?? [], n)})`;
    case 'time-range': {
      const runs = /\(the file runs from \S+ to \S+\)/.exec(f.message)?.[0];
      return `${fmtCount(n)} ${n === 1 ? 'date is' : 'dates are'} outside that period${runs ? ` ${runs}` : ''}: ${listed(details.map(example), n)}`;
    }
    case 'duplicates':
      return details.length ? `${fmtCount(n)} ${n === 1 ? 'row repeats' : 'rows repeat'} an earlier row exactly: ${listed(details, n)}` : f.message;
    case 'fields':
      if (/but the data is there/.test(f.message)) return `${n === 1 ? 'One column is' : `${fmtCount(n)} columns are`} named differently, but the data is there (${listed(details, n, '; ')}); we could use it, and ask that later deliveries use the requested names`;
      if (/named differently/.test(f.message)) return `${n === 1 ? 'One column is' : `${fmtCount(n)} columns are`} named differently: ${listed(details, n, '; ')}`;
      return f.message.replace(/; give each column its own name\./, '.');
    case 'totals':
      if (/ match the sum of the detail rows; the first: /.test(f.message)) {
        return `${f.message.slice(0, f.message.indexOf('; the first: '))}: ${listed(details, n, '; ')}`;
      }
      if (/ may be incomplete\.$/.test(f.message) && details.length) {
        const m = /^(.*? in the (?:detail|summary)): .*?\. (The (?:detail|summary) may be incomplete\.)$/.exec(f.message);
        if (m) return `${m[1]}: ${listed(details, n, '; ')}. ${m[2]}`;
      }
      if (f.message.startsWith('The summary lists') && details.length) {
        return `The summary lists ${details.length === 1 ? 'one group' : 'some groups'} more than once: ${listed(details, details.length, '; ')}`;
      }
      return plain(f.message);
    default:
      return plain(f.message);
  }
}

/** A report message with the advice to the person running oedr taken out, and the request (already said) not said again. */
function plain(message: string): string {
  return message
    .replace(/ The checks below [^.]*\./g, '')
    .replace(/ Save it again\b.*$/s, '')
    .replace(/; it was not checked further\./, '.')
    .replace(/ Ask for (the data|the summary) (?:as|in) [^.]*\./, '')
    .replace(/; oedr adds up totals from [^.]*\./, '.')
    .replace(/ Fields should be separated by .*$/s, '')
    .replace(/; add a header row naming each field\./, '.')
    .replace(/; wrap such values in quotes and double any quote inside them\./, '.')
    .replace(/, but [^;.]*? (?:was|were) requested/, '')
    .replace(/^This is /, 'The file is ')
    .replace(/ is not (?:\S+) as requested: it looks like /, ' looks like ')
    .replace(/^The text is not plain ASCII as requested: (\S)/, (_, c: string) => c.toUpperCase())
    .trim();
}

/**
 * Files with at least one deviation, each with its deviations; unreadable files are ours to fix,
 * not the institution's. An English letter quotes the report's own sentence for what was received;
 * a letter in another language says it in its words.
 */
export function followUpDeviations(reports: FileReport[], d: DatasetSpec, words: LetterWords, english: boolean): FollowUpFile[] {
  // What the file holds is quoted with its control characters written out (`\x1B`, `\u202E`), as the
  // report shows them: a writer would drop them, and the letter would quote the data wrongly.
  return reports.filter((r) => r.status === 'deviations').map((r) => ({
    file: visible(r.sheet === undefined ? basename(r.file) : `${basename(r.file)}, sheet ${r.sheet}`),
    dataset: r.dataset.title,
    items: merge(r.findings.filter((f) => f.status === 'deviation').map((f) => ({
      what: words.deviations.what[f.aspect] ?? f.aspect,
      requested: requestedText(f, d, words),
      received: visible(english ? received(f) : receivedText(f, words)),
    }))),
  }));
}

/** Items that answer the same request (several findings on the totals) as one, so the request is said once. */
function merge(items: FollowUpItem[]): FollowUpItem[] {
  const out: FollowUpItem[] = [];
  for (const item of items) {
    const same = out.find((o) => o.what === item.what && o.requested === item.requested);
    if (same) same.received = `${same.received.replace(/[^.!?]$/, '$&.')} ${item.received}`;
    else out.push({ ...item });
  }
  return out;
}
