// RequestSpec -> the template context: every value a template may use, with words for the
// letter's language filled in and every optional value present (null), as strict mode requires.
import { inDigits } from '../document.js';
import { ethiopianDate } from './ethiopian.js';
import type { DatasetSpec, RequestSpec } from '../spec/schema.js';
import { effectiveDialect } from '../spec/dialect.js';
import type { Timeline } from '../laws/timeline.js';
import type { AnnexNames } from './annex-files.js';
import { lawContext, inText, type LawFacts } from './context-law.js';
import { rightsContext } from './rights.js';

export type Words = Record<string, unknown>;

/** A word from words.yaml, e.g. word(words, 'granularity', 'polling-station'); the id if missing. */
export function word(words: Words, group: string, id: string): string {
  return wordOr(words, group, id) ?? id;
}

/** A word when words.yaml has it, else undefined. */
export function wordOr(words: Words, group: string, id: string): string | undefined {
  const g = words[group];
  const w = g && typeof g === 'object' ? (g as Record<string, unknown>)[id] : undefined;
  return typeof w === 'string' ? w : undefined;
}

/**
 * "1 March 2027", from words.yaml (`date_format`, `months`) rather than Intl: the letter must not
 * change with the ICU data of the Node build, and building an Intl formatter cost ~18 ms at start.
 */
export function formatDate(iso: string, words: Words): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const months = Array.isArray(words.months) ? words.months : [];
  const pattern = typeof words.date_format === 'string' ? words.date_format : '{year}-{month}-{day}';
  const name = typeof months[month - 1] === 'string' ? String(months[month - 1]) : String(month).padStart(2, '0');
  // A day written as a word where custom has it: Tunisian letters write the 1st «غرة», French «1er», Brazilian «1º» (words.yaml day_words).
  const dayWord = wordOr(words, 'day_words', String(day));
  const out = pattern.replace('{day}', dayWord ?? localDigits(day, words)).replace('{month}', localDigits(name, words)).replace('{year}', localDigits(year, words));
  return out.includes('{e') ? ethiopian(out, year, month, day, words) : out;
}

/** Amharic letters date by the Ethiopian calendar too: `{eday} {emonth} {eyear}`, names from ethiopian_months. */
function ethiopian(pattern: string, year: number, month: number, day: number, words: Words): string {
  const e = ethiopianDate(year, month, day);
  const names = Array.isArray(words.ethiopian_months) ? words.ethiopian_months : [];
  const name = typeof names[e.month - 1] === 'string' ? String(names[e.month - 1]) : String(e.month).padStart(2, '0');
  return pattern.replace('{eday}', String(e.day)).replace('{emonth}', name).replace('{eyear}', String(e.year));
}

/**
 * A number written in the letter's digits: words.yaml `digits` holds ten characters for 0-9
 * ("०१२३४५६७८९" in Nepali, "০১২৩৪৫৬৭৮৯" in Bangla). Without it (English, Spanish, Arabic as
 * written in Tunisia) the text is returned as it is, so those letters keep their bytes.
 */
export function localDigits(value: unknown, words: Words): string {
  return inDigits(String(value), typeof words.digits === 'string' ? words.digits : undefined);
}

/**
 * A value that templates set inside a sentence ("under {{statute}}, a response …") loses one closing
 * full stop, which would otherwise end the sentence early. Values that end a sentence keep theirs
 * and go through the {{sentence}} helper instead.
 */
const midSentence = (s: string | undefined) => (s ? s.trim().replace(/(?<!\.)\.$/, '') : null);
/** A multi-line address as one line: "12 Road, Town"; Arabic joins with its own comma (words.yaml list_separator). */
export const oneLine = (s: string | undefined, words: Words = {}) =>
  (s ? s.split('\n').map((l) => l.trim()).filter(Boolean).join(typeof words.list_separator === 'string' ? words.list_separator : ', ') : null);
const symbol = (c: string | undefined) => (c === undefined ? null : c === '\t' ? '\\t' : c);
/** A character shown in quotes that cannot be confused with it: "," or '"' or "\t". */
const shown = (c: string | undefined) => (c === undefined ? null : c === '"' ? `'"'` : `"${symbol(c)}"`);
const formatNames: Record<string, string> = { geojson: 'GeoJSON', shapefile: 'Shapefile', other: 'other' };

/**
 * "Dear Ms Kamau": the spec's salutation, else the person's honorific and surname ("Ms. Grace Njeri
 * Kamau" -> "Ms Kamau"), else words.phrases.default_salutation. Never a title or a bare full name.
 */
export function salutation(rc: RequestSpec['recipient'], words: Words): string {
  if (rc.salutation) return rc.salutation;
  const parts = rc.person?.trim().split(/\s+/) ?? [];
  const honorifics = (words.honorifics ?? {}) as Record<string, unknown>;
  const honorific = parts.length > 1 ? honorifics[parts[0]!.replace(/\.$/, '').toLowerCase()] : undefined;
  if (typeof honorific !== 'string') return word(words, 'phrases', 'default_salutation');
  // {name}: all after the honorific, for languages that greet by the given name (Amharic: "ክቡር አቶ አበበ ከበደ").
  return word(words, 'phrases', 'salutation').replace('{honorific}', honorific).replace('{surname}', parts.at(-1)!).replace('{name}', parts.slice(1).join(' '));
}

const isEmail = (s: string | undefined) => (s && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim()) ? s.trim() : null);

/**
 * `annex`: the contract files written beside the letter (`draft --annex`), which the letter then mentions.
 * `facts`: the law resolved for this spec (laws/resolve.ts), when it names one.
 */
export function buildContext(spec: RequestSpec, words: Words, timeline?: Timeline, annex?: AnnexNames, facts?: LawFacts) {
  const d = (iso: string | undefined) => (iso ? formatDate(iso, words) : null);
  const { requester: rq, recipient: rc, letter } = spec;
  const contact = rq.contact_person ?? { name: rq.signatory.name, title: rq.signatory.title };
  const datasets = spec.datasets.map((ds, i) => datasetContext(ds, i, words, d, annex?.templates[i] ?? null));
  const country = rc.country ?? (spec.law && spec.law !== 'EU' ? spec.law : null) ?? rq.registered_in ?? null;
  const categories = [...new Set(spec.datasets.flatMap((x) => (x.category ? [x.category] : [])))];
  return {
    letter: {
      kind: letter.kind,
      is_foi: letter.kind === 'foi-request',
      is_data_request: letter.kind === 'data-request',
      date: letter.date,
      date_text: formatDate(letter.date, words),
      place: letter.place ?? null,
      reference: letter.reference ?? null,
      subject: letter.subject,
      language: letter.language,
    },
    requester: {
      organisation: rq.organisation,
      address: rq.address ?? null,
      address_line: oneLine(rq.address, words),
      email: rq.email,
      phone: noBreak(rq.phone),
      website: rq.website ?? null,
      contact: {
        name: contact.name,
        title: contact.title ?? null,
        email: ('email' in contact && contact.email) || rq.email,
        phone: noBreak(('phone' in contact && contact.phone) || rq.phone),
      },
      signatory: { name: rq.signatory.name, title: rq.signatory.title ?? null },
      co_signers: rq.co_signers.map((c) => ({ organisation: c.organisation, signatory: c.signatory ? { name: c.signatory.name, title: c.signatory.title ?? null } : null })),
      has_co_signers: rq.co_signers.length > 0,
      standing: standingContext(rq, country, words),
      identification: identificationContext(rq),
    },
    recipient: {
      institution: rc.institution,
      office: rc.office ?? null,
      person: rc.person ?? null,
      title: rc.title ?? null,
      address: rc.address ?? null,
      address_line: oneLine(rc.address, words),
      email: rc.email ?? null,
      level: rc.level,
      salutation: salutation(rc, words),
      /** Greeted by name (the spec's salutation or an honorific), not with words.phrases.default_salutation. */
      named: salutation(rc, words) !== word(words, 'phrases', 'default_salutation'),
      /** The name as it reads in a sentence: "the National Electoral Commission". */
      institution_in_text: inText(rc.institution, words, 'the_institution'),
      country,
      country_text: country ? word(words, 'countries', country) : null,
    },
    datasets,
    dataset_count: datasets.length,
    several_datasets: datasets.length > 1,
    purpose: spec.purpose ?? null,
    legal_basis: midSentence(spec.legal_basis),
    ogp: spec.open_government_partnership?.member
      ? { commitments: spec.open_government_partnership.commitments, has_commitments: spec.open_government_partnership.commitments.length > 0 }
      : null,
    fees: spec.fees ? {
      waiver_requested: spec.fees.waiver_requested, reason: spec.fees.reason ?? null, will_pay_up_to: spec.fees.will_pay_up_to ?? null, category: spec.fees.category ?? null,
    } : null,
    delivery: {
      channel: spec.delivery.channel,
      channel_text: word(words, 'delivery', spec.delivery.channel),
      /** When the details are an email address: the channel with it, "by email to …". */
      to_text: isEmail(spec.delivery.details) ? word(words, 'delivery_to', spec.delivery.channel).replace('{address}', isEmail(spec.delivery.details)!) : null,
      details: isEmail(spec.delivery.details) ? null : spec.delivery.details ?? null,
    },
    ...lawContext(spec, timeline, facts, words, d),
    // Data requests and appeals cite the treaties (one sentence, the text in a note); filings and follow-ups do not.
    rights: { ...rightsContext(country), cited: ['data-request', 'appeal'].includes(letter.kind) },
    benefits: categories.length ? categories.map((c) => word(words, 'benefits', c)) : [word(words, 'benefits', 'default')],
    earlier_request: spec.earlier_request ? {
      reference: spec.earlier_request.reference ?? null,
      folio: spec.earlier_request.folio ?? null,
      sent_on_text: formatDate(spec.earlier_request.sent_on, words),
      response: spec.earlier_request.response,
      no_response: spec.earlier_request.response === 'none',
      refused: spec.earlier_request.response === 'refused',
      response_text: word(words, 'responses', spec.earlier_request.response),
      response_date_text: d(spec.earlier_request.response_date),
      response_reference: spec.earlier_request.response_reference ?? null,
      refusal: refusalContext(spec.earlier_request.refusal),
    } : null,
    earliest_needed_by_text: d(spec.datasets.map((x) => x.needed_by).filter((x): x is string => !!x).sort()[0]),
    any_personal_data: datasets.some((x) => x.privacy !== null),
    any_undertaking: datasets.some((x) => x.privacy?.undertaking),
    any_delimited: datasets.some((x) => x.dialect.delimited),
    annex_datapackage: annex?.datapackage ?? null,
    words,
  };
}

type Requester = RequestSpec['requester'];
/** Who the requester is under a law that admits only some (requester.standing); null when not given. */
function standingContext(rq: Requester, country: string | null, words: Words) {
  const s = rq.standing;
  if (!s) return null;
  const where = s.country ?? country;
  return {
    statement: s.statement ?? null,
    citizen: s.basis === 'citizen',
    resident: s.basis === 'resident',
    citizen_controlled: s.basis === 'citizen-controlled-entity',
    legal_person: s.basis === 'legal-person',
    /** The named person who makes the request: standing.person, else the signatory. */
    person: s.person ?? [rq.signatory.name, rq.signatory.title].filter(Boolean).join(', '),
    country_text: where ? word(words, 'countries', where) : null,
  };
}

/** The identity document the law requires, as the spec gives it (requester.identification). */
function identificationContext(rq: Requester) {
  const id = rq.identification;
  return id ? { document: id.document, number: id.number ?? null } : null;
}

type Refusal = NonNullable<NonNullable<RequestSpec['earlier_request']>['refusal']>;

/** What an earlier refusal relied on, as flags the appeal's grounds choose from. */
function refusalContext(r: Refusal | undefined) {
  if (!r) return null;
  return {
    personal_data: r.ground === 'personal-data', not_held: r.ground === 'not-held', cost: r.ground === 'cost',
    future_publication: r.ground === 'future-publication', security: r.ground === 'security', other: r.ground === 'other',
    provision: midSentence(r.provision), reason: midSentence(r.reason), withheld: midSentence(r.withheld), answer: r.answer ?? null,
  };
}

function datasetContext(ds: DatasetSpec, i: number, words: Words, d: (iso?: string) => string | null, template: string | null) {
  const dialect = effectiveDialect(ds);
  const privacy = ds.privacy?.personal_data ? ds.privacy : undefined;
  return {
    number: i + 1,
    title: ds.title,
    description: ds.description,
    category: ds.category ?? null,
    category_text: ds.category ? word(words, 'categories', ds.category) : null,
    format: dialect.format,
    is_geojson: dialect.format === 'geojson',
    format_name: formatNames[dialect.format] ?? dialect.format.toUpperCase(),
    // "CSV (comma-separated values)" only when the delimiter is a comma: never "comma-separated … semicolon".
    format_text: ds.format === 'other' ? (ds.format_description ?? '')
      : word(words, 'formats', dialect.format === 'csv' && dialect.delimiter !== ',' ? 'csv-delimited' : dialect.format),
    dialect: {
      delimited: dialect.delimited,
      encoding: dialect.encoding ?? null,
      delimiter: symbol(dialect.delimiter),
      delimiter_shown: shown(dialect.delimiter),
      delimiter_text: dialect.delimiter ? word(words, 'characters', dialect.delimiter) : null,
      text_qualifier: symbol(dialect.textQualifier),
      text_qualifier_shown: shown(dialect.textQualifier),
      text_qualifier_text: dialect.textQualifier ? word(words, 'characters', dialect.textQualifier) : null,
      decimal_separator: dialect.decimalSeparator,
      decimal_separator_shown: shown(dialect.decimalSeparator),
      decimal_separator_text: word(words, 'characters', dialect.decimalSeparator),
      header_row: dialect.headerRow ?? false,
    },
    fields: ds.fields.map((f) => ({
      name: f.name, description: f.description, type: f.type ?? null,
      type_text: f.type ? word(words, 'field_types', f.type) : null, example: f.example ?? null, required: f.required,
      // An example the description already gives is not repeated ("(for example Požarevac). For example: Požarevac.").
      show_example: f.example !== undefined && !f.description.includes(f.example),
    })),
    has_fields: ds.fields.length > 0,
    annex_template: template,
    has_examples: ds.fields.some((f) => f.example !== undefined),
    granularity: ds.granularity ?? null,
    granularity_text: ds.granularity ? word(words, 'granularity', ds.granularity) : null,
    time_range: ds.time_range ? { from_text: d(ds.time_range.from), to_text: d(ds.time_range.to) } : null,
    as_of_text: d(ds.as_of),
    /** The dataset states its level of detail, period or as-of date. */
    has_scope: Boolean(ds.granularity || ds.time_range || ds.as_of),
    summary_totals: ds.summary_totals ?? null,
    documentation: ds.documentation,
    priority: ds.priority ?? null,
    priority_text: ds.priority ? word(words, 'priority', ds.priority) : null,
    needed_by_text: d(ds.needed_by),
    privacy: privacy ? privacyContext(ds, privacy, d) : null,
  };
}

export type LetterContext = ReturnType<typeof buildContext>;

/**
 * The undertaking covers the restricted fields (those that may be left out or masked, if released
 * in full) and never the fields the law treats as public, which the letter names as such.
 */
function privacyContext(ds: DatasetSpec, p: NonNullable<DatasetSpec['privacy']>, d: (iso?: string) => string | null) {
  const restricted = [...new Set([...p.may_exclude, ...p.may_mask])].filter((f) => !p.public.includes(f));
  const voters = ds.category === 'voter-lists' || ds.category === 'voter-registration';
  return {
    may_exclude: p.may_exclude, has_exclude: p.may_exclude.length > 0, several_exclude: p.may_exclude.length > 1,
    may_mask: p.may_mask, has_mask: p.may_mask.length > 0, several_mask: p.may_mask.length > 1,
    restricted, has_restricted: restricted.length > 0, several_restricted: restricted.length > 1,
    public: p.public, has_public: p.public.length > 0, several_public: p.public.length > 1,
    undertaking: p.undertaking, delete_by_text: d(p.delete_by),
    leave_out_protected: p.leave_out_protected ?? (voters && ds.granularity === 'individual-record'),
  };
}

/** A telephone number kept on one line: its spaces become no-break spaces ("+880 2 / 5566 7788" misdials). */
export const noBreak = (phone: string | undefined): string | null => (phone ? phone.replace(/ /g, '\u00a0') : null);
