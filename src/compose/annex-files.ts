// The data contract annex written beside a letter: a Frictionless Data Package descriptor
// (<stem>.datapackage.json) and, for each CSV/TSV dataset, a template holding exactly the requested
// header row in the requested dialect and encoding (<stem>.<dataset>.template.csv). Pure: bytes out.
import { ExitCode, OedrError } from '../errors.js';
import { effectiveDialect } from '../spec/dialect.js';
import type { DatasetSpec, RequestSpec } from '../spec/schema.js';
import { encodeText } from './encode.js';

export interface AnnexFile {
  /** File name in the output folder. */
  name: string;
  /** `datapackage`, or `template.<dataset slug>`: the key the manifest records it under. */
  kind: string;
  bytes: Uint8Array;
}

/** What a letter says about its annex: the descriptor's name, and each dataset's template (or null). */
export interface AnnexNames { datapackage: string; templates: (string | null)[] }

/** `Results by polling station (2027)` -> `results-by-polling-station-2027`. */
/** At most 60 characters: with the letter's name around it, a file name stays well under 255 bytes. */
export const slug = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 60).replace(/-+$/, '') || 'dataset';

/** Table Schema types (https://specs.frictionlessdata.io/table-schema/) have the same names as oedr's. */
const tableType = (t: string | undefined) => t ?? 'any';

interface Planned { index: number; dataset: DatasetSpec; slug: string; template: string | null }

function plan(spec: RequestSpec, stem: string): Planned[] {
  const used = new Set<string>();
  return spec.datasets.flatMap((dataset, index) => {
    const dialect = effectiveDialect(dataset);
    if (!dialect.delimited) return [];
    let s = slug(dataset.title);
    for (let n = 2; used.has(s); n++) s = `${slug(dataset.title)}-${n}`;
    used.add(s);
    const template = dialect.headerRow && dataset.fields.length ? `${stem}.${s}.template.${dialect.format}` : null;
    return [{ index, dataset, slug: s, template }];
  });
}

/** The names the letter mentions, or undefined when the spec asks for no CSV or TSV. */
export function annexNames(spec: RequestSpec, stem: string): AnnexNames | undefined {
  const planned = plan(spec, stem);
  if (!planned.length) return undefined;
  const templates = spec.datasets.map((_, i) => planned.find((p) => p.index === i)?.template ?? null);
  return { datapackage: `${stem}.datapackage.json`, templates };
}

/** The descriptor and the templates; none when the spec asks for no CSV or TSV. */
export function annexFiles(spec: RequestSpec, stem: string): AnnexFile[] {
  const planned = plan(spec, stem);
  if (!planned.length) return [];
  const files: AnnexFile[] = [];
  for (const p of planned) {
    if (p.template) files.push({ name: p.template, kind: `template.${p.slug}`, bytes: headerBytes(p.dataset, p.index) });
  }
  const pkg = {
    profile: 'tabular-data-package',
    name: slug(stem),
    title: spec.letter.subject,
    ...(spec.letter.reference ? { 'oedr:reference': spec.letter.reference } : {}),
    'oedr:requestedOn': spec.letter.date,
    resources: planned.map((p) => resource(p)),
  };
  files.unshift({ name: `${stem}.datapackage.json`, kind: 'datapackage', bytes: new Uint8Array(Buffer.from(JSON.stringify(pkg, null, 2) + '\n', 'utf8')) });
  return files;
}

function resource({ dataset: d, slug: name, template }: Planned) {
  const dialect = effectiveDialect(d);
  return {
    profile: 'tabular-data-resource',
    name,
    title: d.title,
    description: d.description,
    path: template ?? `${name}.${dialect.format}`,
    format: dialect.format,
    mediatype: dialect.format === 'tsv' ? 'text/tab-separated-values' : 'text/csv',
    encoding: dialect.encoding!.toLowerCase(),
    dialect: { delimiter: dialect.delimiter, quoteChar: dialect.textQualifier, doubleQuote: true, header: dialect.headerRow, lineTerminator: '\r\n' },
    schema: {
      fields: d.fields.map((f) => ({
        name: f.name,
        type: tableType(f.type),
        ...(f.type === 'number' && dialect.decimalSeparator !== '.' ? { decimalChar: dialect.decimalSeparator } : {}),
        // Table Schema's default geopoint is "lon, lat"; oedr asks for latitude first.
        ...(f.type === 'geopoint' ? { 'oedr:coordinateOrder': 'lat, lon' } : {}),
        description: f.description,
        ...(f.example !== undefined ? { example: f.example } : {}),
        constraints: { required: f.required },
      })),
    },
    ...(d.granularity ? { 'oedr:granularity': d.granularity } : {}),
    ...(d.time_range || d.as_of ? { 'oedr:temporalCoverage': { ...(d.time_range ? { start: d.time_range.from, end: d.time_range.to } : {}), ...(d.as_of ? { asOf: d.as_of } : {}) } } : {}),
  };
}

/** One value as RFC 4180 writes it: quoted only when it holds the delimiter, the qualifier or a line break. */
function cell(v: string, delimiter: string, q: string): string {
  return v.includes(delimiter) || v.includes(q) || /[\r\n]/.test(v) || /^\s|\s$/.test(v) ? `${q}${v.split(q).join(q + q)}${q}` : v;
}

/** The header row, CRLF-terminated, in the requested encoding (UTF-8 without a BOM). */
function headerBytes(d: DatasetSpec, index: number): Uint8Array {
  const dialect = effectiveDialect(d);
  const names = d.fields.map((f) => cell(f.name, dialect.delimiter!, dialect.textQualifier!));
  for (const [k, f] of d.fields.entries()) {
    const r = encodeText(f.name, dialect.encoding!);
    if ('missing' in r) {
      const cp = `U+${r.missing.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      throw new OedrError(ExitCode.render, [{ severity: 'error', rule: 'annex-encoding', path: `datasets[${index}].fields[${k}].name`,
        message: `the field name "${f.name}" holds "${r.missing}" (${cp}), which the requested encoding ${dialect.encoding} cannot hold, so the template file cannot be written; rename the field, choose another encoding, or use --no-annex` }]);
    }
  }
  const r = encodeText(names.join(dialect.delimiter!) + '\r\n', dialect.encoding!);
  if ('missing' in r) throw new Error('a quoted header row holds a character its names do not'); // unreachable: names passed above
  return r.bytes;
}
