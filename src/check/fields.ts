// The delivered columns against the requested fields: which are there, which are missing or extra,
// which are near misses (`Polling Station ID` for `polling_station_id`), and whether the order differs.
import { andList, type Finding } from './model.js';

export interface RequestedField { name: string; type?: string; required?: boolean }

/** `Polling Station ID`, `polling-station_id `, `Pólling_Station_ID` -> `polling_station_id`. */
export const normaliseName = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '');

/** Names longer than this are not compared letter by letter (the comparison takes the product of the lengths). */
const MAX_NEAR = 100;

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** How `found` differs from `wanted`, in words: "capital letters", "accents", "spelling"... */
export function howDifferent(wanted: string, found: string): string {
  const ways: string[] = [];
  const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
  const accented = (s: string) => strip(s) !== s.normalize('NFD');
  const letters = (s: string) => strip(s).replace(/[^\p{L}\p{N}]/gu, '');
  const f = found.trim();
  if (f !== found) ways.push('spaces before or after the name');
  if (accented(f) !== accented(wanted)) ways.push('accents');
  if (f.replace(/[\p{L}\p{N}\p{M}]/gu, '') !== wanted.replace(/[\p{L}\p{N}\p{M}]/gu, '')) ways.push('spaces or punctuation between words');
  if (letters(f) !== letters(wanted) && letters(f).toLowerCase() === letters(wanted).toLowerCase()) ways.push('capital letters');
  if (normaliseName(f) !== normaliseName(wanted)) ways.push('spelling');
  return ways.join(', ') || 'spelling';
}

/**
 * Whether the words of one name appear, whole and in order, in the other (`precinct` in
 * `precinct_name`); both are given normalised and wrapped in `_`.
 */
const wordsWithin = (a: string, b: string) =>
  a !== '__' && b !== '__' && a !== b && (a.includes(b) || b.includes(a));

export interface FieldMatch {
  /** Column index of each requested field, or -1 when it is missing. */
  columns: number[];
  findings: Finding[];
  /** How many requested fields the header names, exactly or nearly. */
  matched: number;
  /** The column names the totals go by: a mapped column under the field's name. */
  names: string[];
}

/** Delivered column name -> requested field name (the spec's column_map and `--map`). */
export type ColumnMap = Record<string, string>;

/** `--map "Total Votes=votes"`, quoted for a shell when it needs to be. */
export const mapOption = (delivered: string, field: string) => {
  const arg = `${delivered}=${field}`;
  return `--map ${/^[\w.=-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`}`;
};

/** Matches `header` (the first row) against the requested fields, in time linear in the header's width. */
export function matchFields(header: string[], fields: RequestedField[], map: ColumnMap = {}): FieldMatch {
  const first = new Map<string, number>();
  header.forEach((h, i) => { if (!first.has(h)) first.set(h, i); });
  const columns = fields.map((f) => first.get(f.name) ?? -1);
  const taken = new Set(columns.filter((c) => c >= 0));
  const names = [...header];
  // Each name normalised once: normalising it again for every field made 200,000 columns take minutes.
  const normal = header.map(normaliseName);
  const wrappedNormal = normal.map((n) => `_${n}_`);
  const byNormal = new Map<string, number[]>();
  normal.forEach((n, i) => byNormal.set(n, [...(byNormal.get(n) ?? []), i].slice(0, fields.length + 1)));
  const mapped: string[] = [];
  // Mapped columns first: the user said which field each stands for.
  for (const [delivered, wanted] of Object.entries(map)) {
    const k = fields.findIndex((f) => f.name === wanted);
    const candidates = [first.get(delivered), ...(byNormal.get(normaliseName(delivered)) ?? [])];
    const c = candidates.find((i): i is number => i !== undefined && !taken.has(i)) ?? -1;
    if (k < 0 || c < 0 || columns[k]! >= 0) continue;
    columns[k] = c;
    taken.add(c);
    names[c] = wanted;
    mapped.push(`"${header[c]}" holds ${wanted}`);
  }
  const near: string[] = [];
  const maps: string[] = [];
  // Near misses: the same name once case, spacing, punctuation and accents are set aside; then one
  // or two letters apart (names long enough that this is not a coincidence, short enough to be
  // names), or one name holding the other's words (`Precinct Name` for `precinct`).
  for (const pass of [0, 1]) {
    fields.forEach((f, k) => {
      if (columns[k]! >= 0) return;
      const want = normaliseName(f.name);
      const wrapped = `_${want}_`;
      const c = pass === 0
        ? (byNormal.get(want) ?? []).find((i) => !taken.has(i)) ?? -1
        : normal.findIndex((h, i) => !taken.has(i)
          && ((want.length >= 5 && want.length <= MAX_NEAR && distance(h, want) <= 2) || wordsWithin(wrappedNormal[i]!, wrapped)));
      if (c < 0) return;
      columns[k] = c;
      taken.add(c);
      near.push(`"${header[c]}" should be named "${f.name}" (it differs in ${howDifferent(f.name, header[c]!)})`);
      maps.push(mapOption(header[c]!, f.name));
    });
  }
  const missing = fields.filter((_, k) => columns[k]! < 0).map((f) => f.name);
  const extra = header.filter((h, i) => !taken.has(i)).map((h) => (h === '' ? '(a column without a name)' : h));
  const findings: Finding[] = [];
  const matched = fields.length - missing.length;
  if (missing.length) findings.push({ aspect: 'fields', status: 'deviation', kind: 'missing', count: missing.length, details: missing,
    message: `${missing.length === 1 ? 'One requested field is' : `${missing.length} requested fields are`} missing: ${missing.join(', ')}.` });
  if (mapped.length) findings.push({ aspect: 'fields', status: 'deviation', kind: 'mapped', count: mapped.length, details: mapped,
    message: `${mapped.length === 1 ? 'One column is' : `${mapped.length} columns are`} named differently from the request, but the data is there: by the column map, ${andList(mapped)}, and ${mapped.length === 1 ? 'it was' : 'they were'} checked as requested.` });
  if (near.length) findings.push({ aspect: 'fields', status: 'deviation', kind: 'renamed', count: near.length, details: near,
    message: `${near.length === 1 ? 'One column is' : `${near.length} columns are`} named differently from the request; rename ${near.length === 1 ? 'it' : 'them'} so that programs find ${near.length === 1 ? 'it' : 'them'}. To check ${near.length === 1 ? 'it' : 'them'} as requested until then (totals too), add ${andList(maps)} or the same in the spec's column_map.` });
  if (extra.length) findings.push({ aspect: 'fields', status: 'info', count: extra.length, details: extra,
    message: `${extra.length === 1 ? 'One column was' : `${extra.length} columns were`} not requested: ${extra.join(', ')}.` });
  const dupes = header.filter((h, i) => first.get(h) !== i);
  if (dupes.length) findings.push({ aspect: 'fields', status: 'deviation', kind: 'same-names', details: [...new Set(dupes)],
    message: `Several columns have the same name: ${[...new Set(dupes)].join(', ')}; give each column its own name.` });
  const present = fields.map((f, k) => ({ name: f.name, col: columns[k]! })).filter((x) => x.col >= 0);
  const inOrder = present.every((x, k) => k === 0 || x.col > present[k - 1]!.col);
  if (!inOrder) {
    const actual = [...present].sort((a, b) => a.col - b.col).map((x) => x.name);
    findings.push({ aspect: 'fields', status: 'info', details: [`requested: ${present.map((x) => x.name).join(', ')}`, `delivered: ${actual.join(', ')}`],
      message: 'The columns are in another order than requested; programs that read columns by name are not affected.' });
  }
  if (!findings.some((f) => f.status === 'deviation') && fields.length) {
    findings.unshift({ aspect: 'fields', status: 'ok', message: `All ${fields.length} requested fields are present${inOrder ? ', in the requested order' : ''}.` });
  }
  return { columns, findings, matched, names };
}
