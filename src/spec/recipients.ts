// `recipients:` one letter per recipient, from a list in the spec (or its profile) or from a CSV
// or YAML file beside the file that names it. Each row becomes a layer over the spec, so a problem
// in a row is reported at its cell.
import type { Diagnostic } from '../errors.js';
import { parseCsv } from './csv.js';
import { describeValue } from './diagnose.js';
import { fileLayer, type Layer } from './layers.js';
import { sha256 } from '../hash.js';
import { besides, readError, type Reader, type SourceFile } from './profile.js';
import type { RuleFinding } from './rules.js';
import { recipientColumns } from './schema.js';
import { closest } from './suggest.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

export interface Recipients {
  /** The rows (as written) with their places; missing when the list could not be read. */
  list?: Layer;
  /** The file the rows came from, when they came from a file. */
  file?: string;
  diagnostics: Diagnostic[];
}

export function loadRecipients(view: ParsedYaml, read: Reader, hashes: SourceFile[]): Recipients {
  const value = (view.data as Record<string, unknown>).recipients;
  if (Array.isArray(value)) {
    return { list: { data: value, locate: (p, k) => view.locate(['recipients', ...p], k), sourceAt: (p) => view.sourceAt(['recipients', ...p]) }, diagnostics: [] };
  }
  const place = view.locate(['recipients']);
  const at: Diagnostic = { severity: 'error', rule: 'type', message: '', ...place, path: 'recipients' };
  const kind = typeof value === 'string' ? /\.(csv|ya?ml)$/i.exec(value)?.[1]?.toLowerCase() : undefined;
  if (typeof value !== 'string' || !kind) {
    const got = typeof value === 'string' ? `"${value}"` : describeValue(value);
    return { diagnostics: [{ ...at, message: `expected a list of recipients, or the path of a .csv or .yaml file holding them (e.g. _regional-offices.csv); got ${got}` }] };
  }
  const file = besides(place.file ?? '', value);
  let source;
  try {
    source = read(file, kind === 'csv' ? 'recipients-csv' : 'recipients-yaml');
  } catch (e) {
    return { diagnostics: readError(e, 'the recipient list', value, at) };
  }
  hashes.push({ file, sha256: sha256(source.bytes) });
  if (kind === 'csv') return { file, ...csvRecipients(source.text, file) };
  const yaml = parseYaml(source.text, file);
  if (yaml.diagnostics.length) return { file, diagnostics: yaml.diagnostics };
  const rows = Array.isArray(yaml.data) ? yaml.data : [];
  if (rows.length && !rows.some((r) => r && typeof r === 'object' && ('id' in r || 'institution' in r))) {
    return { file, diagnostics: [{ severity: 'error', rule: 'not-a-recipient-list', file, ...yaml.locate([]),
      message: 'this is not a recipient list: none of its items has an `id` or an `institution`' }] };
  }
  if (!Array.isArray(yaml.data)) {
    return { file, diagnostics: [...yaml.warnings, { severity: 'error', rule: 'type', file, ...yaml.locate([]),
      message: `expected a list of recipients, each starting with \`- id:\`; got ${describeValue(yaml.data)}` }] };
  }
  return { file, list: fileLayer(yaml, file), diagnostics: yaml.warnings };
}

/** A header row naming the columns, then one row per recipient; an empty cell is a value not given. */
function csvRecipients(text: string, file: string): { list?: Layer; diagnostics: Diagnostic[] } {
  const csv = parseCsv(text, file);
  if (csv.diagnostics.length) return { diagnostics: csv.diagnostics };
  const [header, ...rows] = csv.rows;
  const diagnostics: Diagnostic[] = [];
  const error = (rule: string, message: string, at: { line: number; col: number }) =>
    diagnostics.push({ severity: 'error', rule, message, file, ...at });
  const names = (header ?? []).map((c) => c.value.trim());
  // Another kind of file (a password file, a data file) is named, but none of its text is repeated.
  if (!names.some((n) => recipientColumns.includes(n))) {
    return { diagnostics: [{ severity: 'error', rule: 'not-a-recipient-list', file, line: 1, col: 1,
      message: 'this is not a recipient list: its first row names none of the columns it needs (id, institution, office, ...)' }] };
  }
  names.forEach((name, j) => {
    const cell = header![j]!;
    if (!recipientColumns.includes(name)) {
      const guess = closest(name, recipientColumns);
      // "id;institution;office" is a semicolon-separated file read as one column.
      const separator = /[;\t|]/.test(name) ? '; the file looks separated by other characters than commas: save it as CSV with commas' : '';
      error('unknown-column', `unknown column \`${name}\`${separator || (guess ? ` (did you mean \`${guess}\`?)` : `; expected some of: ${recipientColumns.join(', ')}`)}`, cell);
    } else if (names.indexOf(name) !== j) {
      error('duplicate-column', `the column \`${name}\` appears twice in the header row (first in column ${names.indexOf(name) + 1}); keep one`, cell);
    }
  });
  for (const required of ['id', 'institution']) {
    if (!names.includes(required)) {
      error('missing-column', `expected a column \`${required}\` in the header row; the columns are: ${recipientColumns.join(', ')}`, { line: 1, col: 1 });
    }
  }
  // A row of the wrong length is reported, then left out, so the other rows are still checked.
  const whole = rows.filter((row) => {
    if (row.length === names.length) return true;
    error('csv-row-length', `expected ${names.length} cells, as in the header row, got ${row.length}`, row[0]!);
    return false;
  });
  if (diagnostics.some((d) => d.rule !== 'csv-row-length')) return { diagnostics };

  const data = whole.map((row) => Object.fromEntries(row.flatMap((cell, j) => (cell.value === '' ? [] : [[names[j]!, cell.value]]))));
  return {
    diagnostics,
    list: {
      data,
      locate: (path) => {
        const row = typeof path[0] === 'number' ? whole[path[0]] : undefined;
        if (!row) return { file, line: 1, col: 1 };
        const cell = path.length > 1 ? row[names.indexOf(String(path[1]))] : undefined;
        return { file, line: (cell ?? row[0]!).line, col: (cell ?? row[0]!).col };
      },
      sourceAt: () => undefined, // a CSV cell is always text, as written
    },
  };
}

/** Each id once: it names the letter's file. */
export function duplicateIds(rows: unknown): RuleFinding[] {
  const out: RuleFinding[] = [];
  const seen = new Map<string, number>();
  (Array.isArray(rows) ? rows : []).forEach((row, i) => {
    const id = row && typeof row === 'object' ? (row as Record<string, unknown>).id : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id.toLowerCase());
    if (first === undefined) seen.set(id.toLowerCase(), i);
    else {
      out.push({ severity: 'error', rule: 'recipient-id-unique', path: ['recipients', i, 'id'],
        message: `expected a new id, got \`${id}\`, already used by recipients[${first}]; each recipient needs its own id, as it names the letter's file` });
    }
  });
  return out;
}

const rowKeys = ['id', 'language', 'law'];

/**
 * Recipient `i` as a layer over the spec: its fields become `recipient`, and its `language` and
 * `law` the letter's; places point back into the row.
 */
export function rowLayer(list: Layer, i: number, below: Layer): Layer {
  const row = ((list.data as unknown[])[i] ?? {}) as Record<string, unknown>;
  const data: Record<string, unknown> = {
    recipient: Object.fromEntries(Object.entries(row).filter(([k]) => !rowKeys.includes(k))),
  };
  if (row.language !== undefined) data.letter = { language: row.language };
  if (row.law !== undefined) data.law = row.law;
  const inRow = (p: readonly PropertyKey[]): readonly PropertyKey[] | undefined => {
    if (p[0] === 'recipient') return [i, ...p.slice(1)];
    if (p[0] === 'letter' && p[1] === 'language' && row.language !== undefined) return [i, 'language', ...p.slice(2)];
    if (p[0] === 'law' && row.law !== undefined) return [i, 'law'];
    return undefined;
  };
  return {
    data,
    locate: (p, k) => { const r = inRow(p); return r ? list.locate(r, k) : below.locate(p, k); },
    sourceAt: (p) => { const r = inRow(p); return r ? list.sourceAt(r) : below.sourceAt(p); },
  };
}
