// Encoding and dialect findings: what the file does against what was requested, in words an
// official can act on, with the lines concerned.
import type { CsvStats } from './csv-stream.js';
import { guessEncoding, guessName, type EncodingFacts, type LineSample } from './encoding.js';
import { fmtCount, linesText, type Finding } from './model.js';
import { delimiterName, qualifierName } from './sniff.js';

const SAVE_UTF8 = 'Save it again as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8; LibreOffice: Character set Unicode (UTF-8)).';

const where = (s: LineSample, what: string) =>
  `${fmtCount(s.count)} ${s.count === 1 ? 'line holds' : 'lines hold'} ${what} (${linesText(s.lines, s.count)})`;

export function encodingFinding(requested: string, f: EncodingFacts): Finding {
  const g = guessEncoding(f);
  const looks = guessName(g, f);
  const base = { aspect: 'encoding' as const };
  const bad = (message: string, s?: LineSample): Finding =>
    ({ ...base, status: 'deviation', kind: 'other-encoding', found: looks, message, ...(s ? { count: s.count, lines: s.lines } : {}) });
  const ok = (message: string): Finding => ({ ...base, status: 'ok', message });
  const utf8Like = g === 'UTF-8' && f.utf8Multibyte.count > 0;
  const req = requested.toUpperCase();

  if (req === 'UTF-8') {
    if (g === 'ASCII') return ok('The text is plain ASCII, which is valid UTF-8 as requested.');
    if (g === 'UTF-8') return ok(f.bom ? 'The text is UTF-8 as requested, with a byte-order mark (BOM) at the start, as Excel writes it; most programs read it.' : 'The text is UTF-8, as requested.');
    if (g === 'UTF-16LE' || g === 'UTF-16BE') return bad(`The text is ${g} ("Unicode text" in Excel), but UTF-8 was requested. ${SAVE_UTF8}`);
    return bad(`The text is not UTF-8 as requested: it looks like ${looks}. ${where(f.invalidUtf8, 'bytes that are not valid UTF-8')}. ${SAVE_UTF8}`, f.invalidUtf8);
  }
  if (req === 'UTF-16LE' || req === 'UTF-16BE') {
    return f.bom === req ? ok(`The text is ${req}, as requested.`) : bad(`The text is not ${req} as requested: it looks like ${looks}.`);
  }
  if (g === 'UTF-16LE' || g === 'UTF-16BE') return bad(`The text is ${g}, but ${requested} was requested.`);
  if (g === 'ASCII') return ok(`The text is plain ASCII, which reads the same in ${requested}.`);
  if (req === 'ASCII') return bad(`The text is not plain ASCII as requested: ${where(f.nonAscii, 'other characters')}.`, f.nonAscii);
  if (utf8Like) {
    return bad(`The text looks like UTF-8, but ${requested} was requested; ${where(f.utf8Multibyte, 'UTF-8 characters')}.`, f.utf8Multibyte);
  }
  if (req === 'ISO-8859-1' && f.c1.count) {
    return bad(`The text has characters of Windows-1252 (such as curly quotes, dashes or the euro sign) that ISO-8859-1 does not have: ${where(f.c1, 'them')}.`, f.c1);
  }
  if (req === 'WINDOWS-1252' && f.undefined1252.count) {
    return bad(`The text has bytes that Windows-1252 does not define: ${where(f.undefined1252, 'them')}; it may be in another encoding.`, f.undefined1252);
  }
  if (req === 'WINDOWS-1252' || req === 'ISO-8859-1') return ok(`The text is consistent with ${requested}, as requested.`);
  return { ...base, status: 'info', message: `The text is consistent with ${requested}, but the bytes alone cannot confirm this encoding; check that accented letters read correctly.` };
}

export function delimiterFinding(requested: string, found: string | undefined, manyFields: boolean): Finding {
  const aspect = 'delimiter' as const;
  if (found === requested) return { aspect, status: 'ok', message: `Fields are separated by ${delimiterName(requested)}, as requested.` };
  if (found === undefined) {
    return manyFields
      ? { aspect, status: 'deviation', kind: 'no-delimiter', message: `No delimiter was found: each line reads as one column. Fields should be separated by ${delimiterName(requested)}.` }
      : { aspect, status: 'ok', message: 'The file has one column, so no delimiter is needed.' };
  }
  return { aspect, status: 'deviation', kind: 'other-delimiter', found, message: `Fields are separated by ${delimiterName(found)}, but ${delimiterName(requested)} were requested. The checks below read the file with ${delimiterName(found)}.` };
}

export function qualifierFinding(requested: string, found: string | undefined, stats: CsvStats): Finding[] {
  const aspect = 'text-qualifier' as const;
  const out: Finding[] = [];
  if (found === undefined) out.push({ aspect, status: 'ok', message: `No value is wrapped in quotes; none needed ${qualifierName(requested)}.` });
  else if (found === requested) out.push({ aspect, status: 'ok', message: `Values are wrapped in ${qualifierName(requested)}, as requested.` });
  else out.push({ aspect, status: 'deviation', kind: 'other-qualifier', found, message: `Values are wrapped in ${qualifierName(found)}, but ${qualifierName(requested)} were requested.` });
  const q = stats.badQuotes;
  if (q.count) {
    out.push({ aspect, status: 'deviation', kind: 'bad-quotes', count: q.count, lines: q.lines,
      message: `${fmtCount(q.count)} ${q.count === 1 ? 'line has' : 'lines have'} a quote inside a value that is not wrapped in quotes, or text after a closing quote (${linesText(q.lines, q.count)}); wrap such values in quotes and double any quote inside them.` });
  }
  if (stats.unterminated !== undefined) {
    out.push({ aspect, status: 'deviation', kind: 'unterminated', lines: [stats.unterminated],
      message: `A quoted value starting on line ${stats.unterminated} never ends: its closing quote is missing, so the rest of the file reads as one value.` });
  }
  return out;
}

export function lineEndingsFinding(s: CsvStats): Finding | undefined {
  const kinds = [['CRLF (Windows)', s.crlf], ['LF (Unix, macOS)', s.lf], ['CR (old Mac)', s.cr]] as const;
  const used = kinds.filter(([, n]) => n > 0);
  if (!used.length) return undefined;
  if (used.length === 1) return { aspect: 'line-endings', status: 'ok', message: `Lines end with ${used[0]![0]}; programs read either kind.` };
  return { aspect: 'line-endings', status: 'deviation', kind: 'mixed',
    message: `Lines end in ${used.length} different ways (${used.map(([k, n]) => `${fmtCount(n)} ${k}`).join(', ')}); the file may have been pieced together. Save it again in one go.` };
}
