// The deviations of `oedr check` as a follow-up letter lists them: for each file, each difference
// with what was requested and what was received, in plain words. Plain data for the template.
import { basename } from 'node:path';
import { effectiveDialect } from '../spec/dialect.js';
import type { DatasetSpec } from '../spec/schema.js';
import type { Aspect, FileReport, Finding } from './model.js';
import { delimiterName, qualifierName } from './sniff.js';
import { typeName } from './types.js';

export interface FollowUpItem { what: string; requested: string; received: string; details: string | null }
export interface FollowUpFile { file: string; dataset: string; items: FollowUpItem[] }

const what: Record<Aspect, string> = {
  file: 'The file', format: 'Kind of file', encoding: 'Character encoding', delimiter: 'Separator between fields',
  'text-qualifier': 'Quotes around text', 'line-endings': 'Line endings', 'header-row': 'Header row', structure: 'Rows',
  fields: 'Column names', values: 'Values', required: 'Required values', duplicates: 'Duplicate rows',
  'time-range': 'Period covered', units: 'Units', totals: 'Totals',
};

/** What the letter asked for, for one kind of finding. */
function requested(f: Finding, d: DatasetSpec): string {
  const dialect = effectiveDialect(d);
  const field = d.fields.find((x) => x.name === f.field);
  switch (f.aspect) {
    case 'format': return `a ${dialect.format.toUpperCase()} file`;
    case 'encoding': return `text in the ${dialect.encoding} character encoding`;
    case 'delimiter': return `fields separated by ${delimiterName(dialect.delimiter ?? ',')}`;
    case 'text-qualifier': return `text that contains the separator wrapped in ${qualifierName(dialect.textQualifier ?? '"')}, with any quote inside doubled`;
    case 'line-endings': return 'one kind of line ending throughout the file';
    case 'header-row': return dialect.headerRow ? 'the column names in the first row' : 'no header row, data from the first row';
    case 'structure': return 'the same number of fields in every row';
    case 'fields': return `these columns, named exactly so: ${d.fields.map((x) => x.name).join(', ')}`;
    case 'values': return `${f.field}: ${typeName[field?.type ?? 'string'] ?? field?.type}${field?.type === 'number' ? ` with "${dialect.decimalSeparator}" as the decimal separator` : ''} in every row`;
    case 'required': return `${f.field}: a value in every row`;
    case 'duplicates': return 'each row once';
    case 'time-range': return d.time_range ? `dates from ${d.time_range.from} to ${d.time_range.to}` : 'dates within the requested period';
    case 'totals': return d.summary_totals
      ? `totals that the detailed data adds up to: ${d.summary_totals.trim().replace(/\.$/, '')}`
      : 'totals that the detailed data adds up to';
    default: return 'the data as described in our request';
  }
}

/** Files with at least one deviation, each with its deviations; unreadable files are ours to fix, not the institution's. */
export function followUpDeviations(reports: FileReport[], d: DatasetSpec): FollowUpFile[] {
  return reports.filter((r) => r.status === 'deviations').map((r) => ({
    file: basename(r.file),
    dataset: r.dataset.title,
    items: r.findings.filter((f) => f.status === 'deviation').map((f) => ({
      what: what[f.aspect],
      requested: requested(f, d),
      // "The checks below …" speaks of the terminal report, not of the letter.
      received: f.message.replace(/ The checks below [^.]*\./g, ''),
      details: f.details?.length ? `${f.details.slice(0, 5).join('; ')}${f.details.length > 5 ? '; …' : ''}` : null,
    })),
  }));
}
