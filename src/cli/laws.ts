// `oedr laws [CODE]`: the access-to-information law registry as a table, or one law in full with
// its sources. Low-confidence rows are marked so that nobody quotes them unchecked.
import { ExitCode, fail } from '../errors.js';
import { loadLaws, requireLaw, type Registry } from '../laws/registry.js';
import type { Law, Period } from '../laws/schema.js';
import { describeLaw } from './law-detail.js';
import { closest } from '../spec/suggest.js';
import type { Io } from './io.js';

export interface LawsOptions { json?: boolean; laws?: string }

// Errors (unknown code, broken --laws file) are OedrErrors; main() prints them and picks the exit code.
export async function laws(code: string | undefined, opts: LawsOptions, io: Io): Promise<number> {
  const registry = await loadLaws(opts.laws);
  if (code !== undefined) {
    const law = findLaw(registry, code);
    if (opts.json) io.out(JSON.stringify({ ...law, origin: registry.origin(law.code) }, null, 2));
    else io.out(describeLaw(law, registry.origin(law.code), io));
    return 0;
  }
  if (opts.json) io.out(JSON.stringify({ laws: registry.laws }, null, 2));
  else io.out(lawTable(registry.laws, io, io.outTerminal ? (io.columns || 80) : undefined));
  return 0;
}

/**
 * The law for a code, case-insensitive; for anything else (`Kenya`, `Kenia`, `KEN`) a usage error
 * that suggests the code, matching codes, country names and the laws' own names.
 */
export function findLaw(registry: Registry, asked: string): Law {
  const law = registry.get(asked.trim());
  if (law) return law;
  // Two letters are a code already: "XX" is one edit from a dozen codes, so no guess is a good one.
  if (asked.trim().length <= 2) return requireLaw(registry, asked);
  const regions = regionNames();
  const byName = new Map<string, Set<string>>();
  const add = (name: string | undefined, code: string) => {
    if (name) byName.set(name, (byName.get(name) ?? new Set()).add(code));
  };
  for (const l of registry.laws) {
    add(l.code, l.code);
    add(regions?.of(l.code), l.code);
    add(l.name, l.code);
  }
  const guess = closest(asked.trim(), [...byName.keys()]);
  const codes = guess === undefined ? [] : [...byName.get(guess)!];
  // A law name many countries share ("Access to Information Act") points at no one law.
  if (codes.length === 1) {
    const l = registry.get(codes[0]!)!;
    const country = regions?.of(l.code);
    return fail(ExitCode.usage, 'unknown-law',
      `no law for ${JSON.stringify(asked)}; did you mean \`${l.code}\` (${country && country !== l.code ? `${country}: ` : ''}${l.name})? Laws are named by country code`);
  }
  return requireLaw(registry, asked);
}

/** English country names for the codes (Intl has them, so no table to keep up to date). */
function regionNames(): Intl.DisplayNames | undefined {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  } catch {
    return undefined;
  }
}

export const unitText = (unit: string, n: number) => `${unit.replace('-days', '')} day${n === 1 ? '' : 's'}`;

export function periodText(p: Period | null, ext?: Period | null): string {
  if (!p) return 'no verified period';
  return `${p.period} ${unitText(p.unit, p.period)}${ext ? ` (+${ext.period})` : ''}`;
}

/** Columns the table may narrow on a terminal (LAW, APPEAL STEPS), and how narrow they may get. */
const SHRINKABLE: Record<number, number> = { 1: 12, 3: 10 };
const GAP = 2;

/** The registry as a table; `width` (a terminal's) narrows the long columns, cutting cells with "…". */
export function lawTable(rows: Law[], io: Io, width?: number): string {
  const c = io.color;
  const cells = rows.map((l) => [
    l.code,
    l.name.includes(String(l.year)) ? l.name : `${l.name} (${l.year})`,
    periodText(l.response, l.extension),
    l.appeal.map((s) => s.step).join(' > '),
    l.confidence === 'low' ? 'LOW - verify' : l.confidence,
  ]);
  const head = ['CODE', 'LAW', 'RESPONSE (+EXT.)', 'APPEAL STEPS', 'CONFIDENCE'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  if (width !== undefined) fit(widths, width);
  const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? clip(v, widths[i]!) : clip(v, widths[i]!).padEnd(widths[i]!))).join(' '.repeat(GAP));
  const out = [c.bold(line(head))];
  rows.forEach((l, i) => {
    const text = line(cells[i]!);
    out.push(l.confidence === 'low' ? c.yellow(text) : text);
  });
  const low = rows.filter((l) => l.confidence === 'low').length;
  const note = `${rows.length} laws. ${low} marked LOW: check the statute before quoting them. \`oedr laws CODE\` shows one law with its sources.`;
  out.push('', ...(width === undefined ? [note] : wrap(note, width)));
  return out.join('\n');
}

/** Narrows the widest shrinkable column, one character at a time, until the row fits (or none can shrink). */
function fit(widths: number[], width: number): void {
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > width) {
    const candidates = Object.keys(SHRINKABLE).map(Number).filter((i) => widths[i]! > SHRINKABLE[i]!);
    if (candidates.length === 0) return;
    const widest = candidates.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    widths[widest]!--;
  }
}

/** Breaks text at spaces into lines of at most `width` characters (a longer word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}
