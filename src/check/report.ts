// A check report as text for an official (one line per finding, the deviations marked) or as JSON for CI.
import type { ChalkInstance } from 'chalk';
import { visible } from '../characters.js';
import { fmtCount, type FileReport, type Finding, type Status } from './model.js';

const mark: Record<Status, string> = { ok: '✓', info: '·', deviation: '✗', unreadable: '!' };

const label: Record<Finding['aspect'], string> = {
  file: 'file', format: 'format', encoding: 'encoding', delimiter: 'delimiter', 'text-qualifier': 'quotes',
  'line-endings': 'line ends', 'header-row': 'header row', structure: 'rows', fields: 'fields', values: 'values',
  required: 'required', duplicates: 'duplicates', 'time-range': 'time range', units: 'units', totals: 'totals',
};

const size = (bytes: number) => bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(0)} kB` : `${bytes} bytes`;

/**
 * The report as lines for a terminal. Messages and details quote the delivered file (cells, column
 * names), the spec and file names: each is shown on its line with its control characters written
 * out, so a cell cannot erase the ✗ above it and print a ✓ of its own.
 */
export function renderText(r: FileReport, spec: string, c: ChalkInstance): string {
  const title = visible(r.dataset.title);
  const lines = [c.bold(visible(r.sheet === undefined ? r.file : `${r.file}, sheet ${r.sheet}`)), r.summaryOf
    ? `  the totals of ${visible(r.summaryOf.join(', '))}, for dataset ${r.dataset.index}, "${title}", of ${visible(spec)}`
    : r.deliveryOf
      ? `  all ${r.deliveryOf.length} files above as one delivery, against dataset ${r.dataset.index}, "${title}", of ${visible(spec)}`
      : `  checked against dataset ${r.dataset.index}, "${title}", of ${visible(spec)}`];
  const facts = [
    r.rows !== undefined ? `${fmtCount(r.rows)} ${r.rows === 1 ? 'row' : 'rows'} of data` : undefined,
    r.columns ? `${r.columns.length} columns` : undefined,
    r.bytes !== undefined ? size(r.bytes) : undefined,
  ].filter(Boolean);
  if (facts.length) lines.push(`  ${facts.join(', ')}`);
  for (const f of r.findings) {
    const colour = f.status === 'ok' ? c.green : f.status === 'info' ? c.dim : c.red;
    lines.push(`  ${colour(mark[f.status])} ${label[f.aspect].padEnd(11)}${visible(f.message)}`);
    const details = f.status === 'ok' ? [] : (f.details ?? []);
    for (const d of details.slice(0, 10)) lines.push(`                ${c.dim('-')} ${visible(d)}`);
    if (details.length > 10) lines.push(`                ${c.dim(`… and ${details.length - 10} more`)}`);
  }
  const n = r.findings.filter((f) => f.status === 'deviation').length;
  lines.push(r.status === 'unreadable' ? c.red('  Result: the file could not be checked.')
    : n ? c.red(`  Result: ${n} ${n === 1 ? 'difference' : 'differences'} from the request (marked ✗).`)
      : c.green(r.summaryOf ? '  Result: the detail adds up to the summary.' : r.deliveryOf ? '  Result: the files agree with one another (differences within each file are listed with it).' : '  Result: the file matches the request.'));
  return lines.join('\n');
}

export function renderJson(reports: FileReport[], spec: string, exitCode: number): string {
  return JSON.stringify({ spec, exitCode, files: reports }, null, 2);
}
