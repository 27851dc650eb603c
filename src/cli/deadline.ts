// `oedr deadline --law KE --from 2026-12-18`: when the body's answer is due, and with --explain
// every day counted or skipped. Holiday tables are loaded here, only for the law asked about.
import { ExitCode, fail } from '../errors.js';
import { parseIsoDate, weekdayOf } from '../laws/dates.js';
import { computeDeadline, type Closure, type DayEntry } from '../laws/deadline.js';
import { loadHolidayTables } from '../laws/holidays.js';
import { loadLaws } from '../laws/registry.js';
import { printDiagnostic, type Io } from './io.js';
import { findLaw, unitText } from './laws.js';

export interface DeadlineOptions {
  law: string;
  from: string;
  extension?: boolean;
  explain?: boolean;
  json?: boolean;
  laws?: string;
  /** `YYYY-MM-DD` or `YYYY-MM-DD=name`, one per extra closure. */
  closed?: string[];
}

// Errors (unknown law, bad dates) are OedrErrors; main() prints them and picks the exit code.
export async function deadline(opts: DeadlineOptions, io: Io): Promise<number> {
  const registry = await loadLaws(opts.laws);
  const law = findLaw(registry, opts.law);
  const closures = (opts.closed ?? []).map(parseClosure);
  const tables = await loadHolidayTables(law.holidays.calendars, registry.tables);
  const result = computeDeadline({ law, from: opts.from, extension: opts.extension, closures, tables });
  if (law.confidence === 'low') {
    printDiagnostic(io, { severity: 'warning', rule: 'low-confidence', message: `the ${law.code} row has low confidence; check the statute before relying on this date (\`oedr laws ${law.code}\`)` });
  }
  const sources = [...new Set(tables.map((t) => t.source))].join(', ');
  if (opts.json) {
    io.out(JSON.stringify({ ...result, law: { code: law.code, name: law.name, confidence: law.confidence }, holidays: { calendars: law.holidays.calendars, source: sources }, closures }, null, 2));
    return result.status === 'due' ? ExitCode.ok : ExitCode.invalid;
  }
  if (result.status === 'no-statutory-date') {
    io.out(`${law.code}: no statutory date. ${result.reason}.`);
    io.out('Cite the law without a date, or give the period in your own --laws file once it is verified.');
    return ExitCode.invalid;
  }
  const c = io.color;
  const wd = (d: string) => weekdayOf(parseIsoDate(d)!);
  const lines = [`${law.code} ${law.name}: response due ${c.bold(result.due)} (${cap(wd(result.due))})`];
  const rule = result.unit === 'working-days'
    ? `weekends (${law.weekend.map(cap).join(', ')}), public holidays${closures.length ? ' and the closures given' : ''} skipped`
    : 'a last day that is not a working day moves to the next working day';
  lines.push(`  ${result.period} ${unitText(result.unit, result.period)} after ${opts.from} (the day of receipt is not counted); ${rule}.`);
  if (result.extension) {
    lines.push(`  Initial period ends ${result.initialDue}; with the extension of ${result.extension} ${unitText(result.unit, result.extension)}: ${result.due}.`);
  }
  lines.push(c.dim(`  Holidays: ${law.holidays.calendars.join(', ')} from ${sources}; source of the period: ${law.source}`));
  if (opts.explain) lines.push('', ...explain(result.days, io));
  io.out(lines.join('\n'));
  return ExitCode.ok;
}

function parseClosure(text: string): Closure {
  const m = /^(\d{4}-\d{2}-\d{2})(?:=(.+))?$/.exec(text.trim());
  if (!m) fail(ExitCode.usage, 'bad-closure', `expected --closed YYYY-MM-DD or YYYY-MM-DD=name, got ${JSON.stringify(text)}`);
  return { date: m[1]!, name: m[2]?.trim() || 'closure given with --closed' };
}

function explain(days: DayEntry[], io: Io): string[] {
  const out: string[] = [];
  let phase: DayEntry['phase'] = 'period';
  for (const d of days) {
    if (d.phase !== phase) {
      out.push(io.color.dim(d.phase === 'extension' ? '  -- extension --' : '  -- the last day is not a working day --'));
      phase = d.phase;
    }
    const names = d.names.join('; ');
    let what: string;
    if (d.kind === 'counted') what = `day ${d.count}${names ? ` (${names})` : ''}`;
    else if (d.phase === 'roll-forward') what = io.color.yellow(`not a working day: ${d.kind}${names ? `: ${names}` : ''}`);
    else what = io.color.dim(`skipped: ${d.kind}${names ? `: ${names}` : ''}`);
    out.push(`  ${d.date} ${cap(d.weekday)}  ${what}`);
  }
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
