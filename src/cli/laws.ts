// `oedr laws [CODE]`: the access-to-information law registry as a table, or one law in full with
// its sources. Low-confidence rows are marked so that nobody quotes them unchecked.
import { OedrError } from '../errors.js';
import { loadLaws, requireLaw } from '../laws/registry.js';
import type { AppealStep, Law, Period } from '../laws/schema.js';
import { printDiagnostic, type Io } from './io.js';

export interface LawsOptions { json?: boolean; laws?: string }

export async function laws(code: string | undefined, opts: LawsOptions, io: Io): Promise<number> {
  try {
    const registry = await loadLaws(opts.laws);
    if (code !== undefined) {
      const law = requireLaw(registry, code);
      if (opts.json) io.out(JSON.stringify({ ...law, origin: registry.origin(law.code) }, null, 2));
      else io.out(describeLaw(law, registry.origin(law.code), io));
      return 0;
    }
    if (opts.json) io.out(JSON.stringify({ laws: registry.laws }, null, 2));
    else io.out(lawTable(registry.laws, io));
    return 0;
  } catch (e) {
    if (!(e instanceof OedrError)) throw e;
    for (const d of e.diagnostics) printDiagnostic(io, d);
    return e.code;
  }
}

export const unitText = (unit: string, n: number) => `${unit.replace('-days', '')} day${n === 1 ? '' : 's'}`;

export function periodText(p: Period | null, ext?: Period | null): string {
  if (!p) return 'no verified period';
  return `${p.period} ${unitText(p.unit, p.period)}${ext ? ` (+${ext.period})` : ''}`;
}

function lawTable(rows: Law[], io: Io): string {
  const c = io.color;
  const cells = rows.map((l) => [
    l.code,
    clip(l.name.includes(String(l.year)) ? l.name : `${l.name} (${l.year})`, 52),
    periodText(l.response, l.extension),
    l.appeal.map((s) => s.step).join(' > '),
    l.confidence === 'low' ? 'LOW - verify' : l.confidence,
  ]);
  const head = ['CODE', 'LAW', 'RESPONSE (+EXT.)', 'APPEAL STEPS', 'CONFIDENCE'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  const out = [c.bold(line(head))];
  rows.forEach((l, i) => {
    const text = line(cells[i]!);
    out.push(l.confidence === 'low' ? c.yellow(text) : text);
  });
  const low = rows.filter((l) => l.confidence === 'low').length;
  out.push('', `${rows.length} laws. ${low} marked LOW: check the statute before quoting them. \`oedr laws CODE\` shows one law with its sources.`);
  return out.join('\n');
}

function describeLaw(l: Law, origin: string, io: Io): string {
  const c = io.color;
  const yn = (v: boolean | null) => (v === null ? 'not known' : v ? 'yes' : 'no');
  const conf = l.confidence === 'low' ? c.yellow('LOW - check the statute before quoting this row') : l.confidence;
  const ext = l.extension ? `+${l.extension.period} ${unitText(l.extension.unit, l.extension.period)}` : 'no fixed extension';
  const lines = [
    c.bold(`${l.code}  ${l.name}`),
    `${l.citation} (${l.year}), ${l.region}`,
    `Confidence:       ${conf}`,
    `Who may request:  ${l.who_may_request.kind}${l.who_may_request.note ? ` - ${l.who_may_request.note}` : ''}`,
    `Request:          written ${yn(l.request.written)}; prescribed form ${yn(l.request.prescribed_form)}; application fee ${yn(l.request.fee)}; purpose statement required ${yn(l.request.purpose_required)}`,
    `                  ${l.request.text}`,
    ...(l.fees ? [`Fees:             ${l.fees}`] : []),
    `Response:         ${l.response ? `${periodText(l.response)} after receipt (the day of receipt is not counted)` : 'no verified statutory period: letters cite the law without a date'}`,
    `Extension:        ${ext}${l.extension_note ? ` - ${l.extension_note}` : ''}`,
    'Appeal route:',
    ...l.appeal.map((s, i) => `  ${i + 1}. ${appealText(s)}`),
    `Weekend:          ${l.weekend.join(', ')}`,
    `Holidays:         ${l.holidays.calendars.length ? l.holidays.calendars.join(', ') : 'no holiday data'}${l.holidays.bank ? ' (bank holidays count)' : ''}${l.holidays.note ? ` - ${l.holidays.note}` : ''}`,
    `Source:           ${l.source}`,
    ...(l.checked ? [`Checked:          ${l.checked}`] : []),
    ...(l.notes ? [`Notes:            ${l.notes}`] : []),
    c.dim(`Row from ${origin}`),
  ];
  return lines.join('\n');
}

function appealText(s: AppealStep): string {
  const limit = s.limit
    ? `within ${s.limit.period} ${s.limit.unit === 'months' ? `month${s.limit.period === 1 ? '' : 's'}` : unitText(s.limit.unit, s.limit.period)} of ${s.limit.from}`
    : 'no time limit recorded';
  return `${s.step}: ${s.body} - ${limit}${s.note ? ` (${s.note})` : ''}`;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}
