// Placeholders `oedr init` writes (templates/starter.yaml) and documentation addresses: left in a
// spec, a letter would go out from "Example Election Watch", signed by A. N. Other. `draft` refuses
// them (unless --force, for demos); `validate` warns. The examples/ use the reserved `.example`
// domain and dates of their own, so they pass.
import { formatPath, type Diagnostic, type Severity } from '../errors.js';
import type { ParsedYaml } from './yaml.js';

type Path = (string | number)[];

/** The starter's own values, by path, that only make sense as placeholders. */
const PLACEHOLDERS: [Path, string][] = [
  [['requester', 'organisation'], 'Example Election Watch'],
  [['requester', 'address'], '1 Example Street\nExample City\n'],
  [['requester', 'phone'], '+000 000 0000'],
  [['requester', 'signatory', 'name'], 'A. N. Other'],
  [['recipient', 'email'], 'ict@election-commission.example'],
];
/** The starter's dates count only all together: a real letter may well be dated 2027-03-01. */
const STARTER_DATE = '2027-03-01';
const STARTER_DATASET_DATES: Record<string, string> = { needed_by: '2027-09-01', as_of: '2027-08-20' };
/** An email or web address (the whole value) at one of RFC 2606's documentation domains. */
const DOC_ADDRESS = /^(?:[^\s@]+@|https?:\/\/)(?:[\w-]+\.)*example\.(?:org|com|net)(?:[/:?#]\S*)?$/i;

/** Every placeholder left in the spec, as `severity` diagnostics that say what to put instead. */
export function starterValues(yaml: ParsedYaml, file: string, severity: Severity): Diagnostic[] {
  const found: [Path, string][] = [];
  for (const [path, value] of PLACEHOLDERS) {
    if (at(yaml.data, path) === value) found.push([path, `still ${JSON.stringify(value)} from \`oedr init\``]);
  }
  walk(yaml.data, [], (path, v) => {
    if (DOC_ADDRESS.test(v)) found.push([path, `${JSON.stringify(v)} is a documentation address, not a real one`]);
  });
  const datasets = Array.isArray(at(yaml.data, ['datasets'])) ? (at(yaml.data, ['datasets']) as unknown[]) : [];
  const dated = datasets.flatMap((d, i) => Object.entries(STARTER_DATASET_DATES)
    .filter(([key, value]) => at(d, [key]) === value).map(([key, value]): [Path, string] => [['datasets', i, key], `still ${value}, the starter's date`]));
  // All three, as the starter has them: two of them alone may well be a real letter's.
  if (at(yaml.data, ['letter', 'date']) === STARTER_DATE && Object.keys(STARTER_DATASET_DATES).every((k) => dated.some(([p]) => p[2] === k))) {
    found.push([['letter', 'date'], `still ${STARTER_DATE}, the starter's date`], ...dated);
  }
  const out: Diagnostic[] = found.map(([path, what]) => ({
    severity, rule: 'starter-value', file, ...yaml.locate(path), path: formatPath(path),
    message: `${what}; put your own${severity === 'error' ? ' (or draft with --force, for a demo)' : ''}`,
  }));
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function at(data: unknown, path: Path): unknown {
  let v = data;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

function walk(v: unknown, path: Path, visit: (path: Path, s: string) => void): void {
  if (typeof v === 'string') visit(path, v);
  else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], visit));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k], visit);
}
