// Rules that span several fields. They read the raw YAML data defensively, so they run (and
// report) even when other parts of the file have shape errors: every problem at once.
import { effectiveDialect } from './dialect.js';
import { Dataset, dialectCharOk } from './schema.js';
import { closest } from './suggest.js';
import { formats, laterKinds, type Format } from './vocab.js';

export interface RuleFinding {
  severity: 'error' | 'warning';
  rule: string;
  path: (string | number)[];
  message: string;
}

/** Fewer days than this between letter and needed-by date earns a warning. */
export const MIN_LEAD_DAYS = 10;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const show = (c: string) => (c === '\t' ? 'a tab ("\\t")' : c === '"' ? `'"'` : `"${c}"`);
/** The text of a value as written in the file, when the caller has the YAML source. */
export type SourceAt = (path: (string | number)[]) => string | undefined;

export function checkRules(data: unknown, sourceAt: SourceAt = () => undefined): RuleFinding[] {
  const out: RuleFinding[] = [];
  const spec = obj(data);
  if (!spec) return out;
  const letter = obj(spec.letter);
  const letterDate = isDate(letter?.date) ? letter.date : undefined;

  // With a recipient list, each row may bring its own law: every row without one is checked too.
  const rowsWithoutLaw = Array.isArray(spec.recipients) ? list(spec.recipients).filter((r) => obj(r)?.law === undefined).length : 0;
  const lawMissing = spec.law === undefined && (spec.recipients === undefined || rowsWithoutLaw > 0);
  if (letter?.kind === 'foi-request' && spec.legal_basis === undefined && lawMissing) {
    out.push({ severity: 'error', rule: 'foi-needs-legal-basis', path: ['letter', 'kind'],
      message: 'an foi-request must name the law it is made under; expected `law` (a code from `oedr laws`, e.g. KE) or `legal_basis` (e.g. "the Access to Information Act, 2016, section 4")' });
  }

  if (letter && laterKinds.includes(String(letter.kind)) && spec.earlier_request === undefined) {
    out.push({ severity: 'error', rule: 'later-needs-earlier-request', path: ['letter', 'kind'],
      message: `a ${String(letter.kind)} letter refers to a request already sent; expected \`earlier_request\` with at least \`sent_on\` (the date it was sent)` });
  }
  const earlier = obj(spec.earlier_request);
  if (earlier && letter && !laterKinds.includes(String(letter.kind ?? 'data-request'))) {
    out.push({ severity: 'error', rule: 'earlier-request-kind', path: ['earlier_request'],
      message: `\`earlier_request\` is only used by follow-up and appeal letters; this letter's kind is ${String(letter.kind ?? 'data-request')}` });
  }
  // An appeal may be written the day a request was sent and answered (a refusal by return email).
  const answeredThatDay = letter?.kind === 'appeal' && earlier?.response_date === letterDate;
  if (earlier && isDate(earlier.sent_on) && letterDate && (earlier.sent_on > letterDate || (earlier.sent_on === letterDate && !answeredThatDay))) {
    out.push({ severity: 'error', rule: 'earlier-request-date', path: ['earlier_request', 'sent_on'],
      message: `the earlier request (${earlier.sent_on}) must be dated before this letter (${letterDate})${letter?.kind === 'appeal' ? ', or answered on the day of this appeal (response_date)' : ''}` });
  }
  if (letter?.kind === 'follow-up' && earlier?.response === 'refused') {
    out.push({ severity: 'warning', rule: 'follow-up-after-refusal', path: ['letter', 'kind'],
      message: 'a follow-up after a refusal asks again but does not stop the time to appeal; the next step under the law is usually an appeal (letter.kind: appeal, or `oedr draft --next`)' });
  }
  if (letter?.kind === 'appeal' && lawMissing) {
    out.push({ severity: 'error', rule: 'appeal-needs-law', path: ['letter', 'kind'],
      message: 'an appeal follows a law\'s appeal route; expected `law` with the code of the law (see `oedr laws`)' });
  }

  list(spec.datasets).forEach((raw, i) => {
    const ds = obj(raw);
    if (!ds) return;
    const at = (...p: (string | number)[]) => ['datasets', i, ...p];
    checkDates(ds, letterDate, at, out);
    checkFormat(ds, at, out);
    checkPrivacy(ds, at, out);
    checkFields(ds, at, sourceAt, out);
  });
  return out;
}

function checkDates(ds: Obj, letterDate: string | undefined, at: (...p: (string | number)[]) => (string | number)[], out: RuleFinding[]) {
  const range = obj(ds.time_range);
  if (range && isDate(range.from) && isDate(range.to) && range.to < range.from) {
    out.push({ severity: 'error', rule: 'time-range-order', path: at('time_range', 'to'),
      message: `the time range ends (${range.to}) before it starts (${range.from})` });
  }
  if (range && isDate(range.to) && isDate(ds.needed_by) && ds.needed_by < range.to) {
    out.push({ severity: 'warning', rule: 'needed-by-before-period-ends', path: at('needed_by'),
      message: `the data is needed by ${ds.needed_by}, before the period it covers ends (${range.to}); expected a needed-by date on or after the end of the time range, or a shorter range` });
  }
  if (ds.needed_by === undefined && !misspelt(ds, 'needed_by')) {
    out.push({ severity: 'warning', rule: 'needed-by-missing', path: at(),
      message: 'no `needed_by` date: say when you need the data so the institution can plan for it' });
  } else if (isDate(ds.needed_by) && letterDate) {
    const lead = days(letterDate, ds.needed_by);
    if (lead <= 0) {
      out.push({ severity: 'error', rule: 'needed-by-after-letter', path: at('needed_by'),
        message: `the needed-by date (${ds.needed_by}) must be after the letter date (${letterDate})` });
    } else if (lead < MIN_LEAD_DAYS) {
      out.push({ severity: 'warning', rule: 'needed-by-soon', path: at('needed_by'),
        message: `the needed-by date leaves only ${lead} day${lead === 1 ? '' : 's'} after the letter date; give the institution enough time (at least ${MIN_LEAD_DAYS} days)` });
    }
  }
  if (isDate(ds.as_of) && isDate(ds.needed_by) && ds.needed_by < ds.as_of) {
    out.push({ severity: 'warning', rule: 'needed-before-as-of', path: at('needed_by'),
      message: `the data is needed by ${ds.needed_by}, before the date it should be correct on (as_of: ${ds.as_of}); expected a needed-by date on or after the as-of date, or an earlier as-of date` });
  }
  const privacy = obj(ds.privacy);
  if (privacy && isDate(privacy.delete_by) && letterDate && privacy.delete_by <= letterDate) {
    out.push({ severity: 'error', rule: 'delete-by-after-letter', path: at('privacy', 'delete_by'),
      message: `the deletion date (${privacy.delete_by}) must be after the letter date (${letterDate})` });
  }
}

const datasetKeys = Object.keys(Dataset.shape);

/** An unknown key that is a slip for `key` (`neded_by`): the schema already says "did you mean". */
const misspelt = (ds: Obj, key: string) =>
  Object.keys(ds).some((k) => !datasetKeys.includes(k) && closest(k, datasetKeys) === key);

function checkPrivacy(ds: Obj, at: (...p: (string | number)[]) => (string | number)[], out: RuleFinding[]) {
  const privacy = obj(ds.privacy);
  // Individual voters' records hold personal data; a request for them needs its safeguards stated.
  if (!privacy && ds.privacy === undefined && (ds.granularity === 'individual-record' || (ds.category === 'voter-lists' && ds.granularity === undefined)) && ds.category !== 'campaign-finance') {
    out.push({ severity: 'warning', rule: 'privacy-missing', path: at(),
      message: 'the dataset asks for individual-level records, which hold personal data, but has no `privacy` block; add one saying which fields may be left out or masked (e.g. protected voters\' addresses) and what you undertake' });
  }
  if (privacy?.personal_data !== false) return;
  // The letter drops the privacy section for a dataset without personal data, so these would vanish.
  const given = (['may_exclude', 'may_mask', 'delete_by', 'undertaking'] as const).filter((k) =>
    Array.isArray(privacy[k]) ? privacy[k].length > 0 : k === 'undertaking' ? privacy[k] === true : privacy[k] !== undefined);
  if (!given.length) return;
  out.push({ severity: 'warning', rule: 'privacy-not-personal', path: at('privacy', 'personal_data'),
    message: `\`personal_data: false\` says the dataset holds no personal data, so the letter has no privacy terms for it and leaves out ${given.map((k) => `\`${k}\``).join(', ')}; set personal_data to true to keep them, or remove them` });
}

function checkFormat(ds: Obj, at: (...p: (string | number)[]) => (string | number)[], out: RuleFinding[]) {
  if (ds.format !== undefined && !formats.includes(ds.format as Format)) return; // reported by the schema
  const format = (ds.format ?? 'csv') as Format;
  if (format === 'other' && ds.format_description === undefined) {
    out.push({ severity: 'error', rule: 'other-format-described', path: at('format'),
      message: 'format `other` needs `format_description` saying which format you want' });
  }
  if (format !== 'other' && ds.format_description !== undefined) {
    out.push({ severity: 'error', rule: 'other-format-described', path: at('format_description'),
      message: `format_description is only used with format \`other\`; this dataset's format is \`${format}\`` });
  }
  const dialect = effectiveDialect({ format });
  for (const key of ['delimiter', 'text_qualifier', 'header_row'] as const) {
    if (!dialect.delimited && ds[key] !== undefined) {
      out.push({ severity: 'error', rule: 'dialect-needs-delimited', path: at(key),
        message: `\`${key}\` applies only to csv and tsv; this dataset's format is \`${format}\`` });
    }
  }
  if (dialect.encoding === undefined && ds.encoding !== undefined) {
    out.push({ severity: 'error', rule: 'encoding-needs-text', path: at('encoding'),
      message: `\`encoding\` applies only to text formats (csv, tsv, json, xml, geojson); this dataset's format is \`${format}\`` });
  }
  if (!dialect.delimited) return;
  // A value the schema rejects (`delimiter: a`, `decimal_separator: ;`) is reported there once;
  // comparing it as well would be a second message about the same mistake.
  const valid = {
    delimiter: dialectCharOk(ds.delimiter, 'delimiter'),
    text_qualifier: dialectCharOk(ds.text_qualifier, 'text_qualifier'),
    decimal_separator: ds.decimal_separator === '.' || ds.decimal_separator === ',',
  };
  const ok = (key: keyof typeof valid) => (valid[key] ? (ds[key] as string) : undefined);
  const eff = effectiveDialect({ format, delimiter: ok('delimiter'), text_qualifier: ok('text_qualifier'),
    decimal_separator: ok('decimal_separator') });
  const roles = [
    { key: 'delimiter', value: eff.delimiter!, given: ds.delimiter !== undefined },
    { key: 'text_qualifier', value: eff.textQualifier!, given: ds.text_qualifier !== undefined },
    { key: 'decimal_separator', value: eff.decimalSeparator, given: ds.decimal_separator !== undefined },
  ].filter((r) => !r.given || valid[r.key as keyof typeof valid]);
  for (let a = 0; a < roles.length; a++) {
    for (let b = a + 1; b < roles.length; b++) {
      const [x, y] = [roles[a]!, roles[b]!];
      if (x.value !== y.value) continue;
      const blame = y.given ? y : x;
      const other = blame === y ? x : y;
      out.push({ severity: 'error', rule: 'dialect-distinct', path: at(blame.key),
        message: `expected ${blame.key} to differ from the ${other.given ? '' : 'default '}${other.key}, got ${show(x.value)} for both; choose different characters or the file cannot be read back` });
    }
  }
}

function checkFields(ds: Obj, at: (...p: (string | number)[]) => (string | number)[], sourceAt: SourceAt, out: RuleFinding[]) {
  const seen = new Map<string, { index: number; name: string }>();
  const names: string[] = [];
  list(ds.fields).forEach((f, j) => {
    const example = obj(f)?.example;
    const written = typeof example === 'number' ? sourceAt(at('fields', j, 'example'))?.trim() : undefined;
    if (written !== undefined && written !== String(example)) {
      // `example: 0047` would reach the letter as 47: the example exists to show the exact form.
      out.push({ severity: 'error', rule: 'example-as-written', path: at('fields', j, 'example'),
        message: `expected the example as written, got the number ${String(example)} (written ${written}); put it in quotes ("${written}") so it keeps its form` });
    }
    const name = obj(f)?.name;
    if (typeof name !== 'string') return;
    names.push(name);
    const key = name.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      const earlier = first.name === name ? '' : ` as \`${first.name}\` (names are compared ignoring case)`;
      out.push({ severity: 'error', rule: 'field-names-unique', path: at('fields', j, 'name'),
        message: `expected a new field name, got \`${name}\`, already used by fields[${first.index}]${earlier}; each field needs its own name` });
    } else seen.set(key, { index: j, name });
  });
  if (names.length === 0) return;
  const known = (n: unknown, rule: string, path: (string | number)[]) => {
    if (typeof n !== 'string' || names.includes(n)) return;
    const guess = closest(n, names);
    out.push({ severity: 'error', rule, path,
      message: `expected one of this dataset's field names, got \`${n}\`${guess ? ` (did you mean \`${guess}\`?)` : ` (the fields are: ${names.join(', ')})`}` });
  };
  const privacy = obj(ds.privacy);
  for (const key of ['may_exclude', 'may_mask'] as const) list(privacy?.[key]).forEach((n, j) => known(n, 'privacy-field-known', at('privacy', key, j)));
  list(ds.unit_fields).forEach((n, j) => known(n, 'unit-field-known', at('unit_fields', j)));
  for (const [delivered, n] of Object.entries(obj(ds.column_map) ?? {})) known(n, 'column-map-field-known', at('column_map', delivered));
}
