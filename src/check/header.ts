// What the first row of a delivered table is, in a CSV file or a sheet alike: the names of the
// columns or already data, as against what was asked; and which column holds each requested field.
import type { DatasetSpec } from '../spec/schema.js';
import { matchFields } from './fields.js';
import type { Finding } from './model.js';

export interface Header {
  findings: Finding[];
  /** Column of each requested field, -1 when missing. */
  columns: number[];
  /** Whether the first row is data (there is no header row): it is then checked as a row. */
  dataRow: boolean;
  /** The names the totals go by (a mapped column under its field's name), or the fields' own when there is no header row. */
  names: string[];
}

/** Decides what the first row is (`asked`: whether a header row was requested) and matches the fields. */
export function readHeader(cells: string[], d: DatasetSpec, asked: boolean): Header {
  const fields = d.fields;
  const match = matchFields(cells, fields, d.column_map);
  const looksLikeData = fields.length > 0 && match.matched === 0 && cells.some((c) => /^[+-]?\d+([.,]\d+)?$/.test(c.trim()));
  const byPosition = fields.map((_, k) => (k < cells.length ? k : -1));
  const asData = (finding: Finding): Header => ({ findings: [finding], columns: byPosition, dataRow: true, names: fields.map((f) => f.name) });
  const named = (finding: Finding): Header => ({ findings: [finding, ...match.findings], columns: match.columns, dataRow: false, names: match.names });
  if (asked && looksLikeData) {
    return asData({ aspect: 'header-row', status: 'deviation', kind: 'data-in-first-row', message: 'The first row holds data, not the names of the columns; add a header row naming each field. The checks below take the fields in the requested order.' });
  }
  if (asked) return named({ aspect: 'header-row', status: 'ok', message: 'The first row names the columns, as requested.' });
  if (match.matched >= Math.max(1, fields.length / 2)) {
    return named({ aspect: 'header-row', status: 'deviation', kind: 'unrequested-header', message: 'The first row names the columns, but no header row was requested.' });
  }
  return asData({ aspect: 'header-row', status: 'ok', message: 'The file has no header row, as requested; fields are taken in the requested order.' });
}
