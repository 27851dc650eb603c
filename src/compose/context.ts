// RequestSpec -> the template context: every value a template may use, with words for the
// letter's language filled in and every optional value present (null), as strict mode requires.
import type { DatasetSpec, RequestSpec } from '../spec/schema.js';
import { effectiveDialect } from '../spec/dialect.js';
import type { Timeline } from '../laws/timeline.js';
import type { AnnexNames } from './annex-files.js';
import { languageOf } from './language.js';

export type Words = Record<string, unknown>;

/** A word from words.yaml, e.g. word(words, 'granularity', 'polling-station'); the id if missing. */
export function word(words: Words, group: string, id: string): string {
  return wordOr(words, group, id) ?? id;
}

/** A word when words.yaml has it, else undefined. */
function wordOr(words: Words, group: string, id: string): string | undefined {
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
  return pattern.replace('{day}', String(day)).replace('{month}', name).replace('{year}', String(year));
}

/**
 * A value that templates set inside a sentence ("under {{statute}}, a response …") loses one closing
 * full stop, which would otherwise end the sentence early. Values that end a sentence keep theirs
 * and go through the {{sentence}} helper instead.
 */
const midSentence = (s: string | undefined) => (s ? s.trim().replace(/(?<!\.)\.$/, '') : null);
/** A multi-line address as one line: "12 Road, Town". */
const oneLine = (s: string | undefined) => (s ? s.split('\n').map((l) => l.trim()).filter(Boolean).join(', ') : null);
const symbol = (c: string | undefined) => (c === undefined ? null : c === '\t' ? '\\t' : c);
/** A character shown in quotes that cannot be confused with it: "," or '"' or "\t". */
const shown = (c: string | undefined) => (c === undefined ? null : c === '"' ? `'"'` : `"${symbol(c)}"`);
const formatNames: Record<string, string> = { geojson: 'GeoJSON', shapefile: 'Shapefile', other: 'other' };

/** `annex`: the contract files written beside the letter (`draft --annex`), which the letter then mentions. */
export function buildContext(spec: RequestSpec, words: Words, timeline?: Timeline, annex?: AnnexNames) {
  const d = (iso: string | undefined) => (iso ? formatDate(iso, words) : null);
  const { requester: rq, recipient: rc, letter } = spec;
  const contact = rq.contact_person ?? { name: rq.signatory.name, title: rq.signatory.title };
  const datasets = spec.datasets.map((ds, i) => datasetContext(ds, i, words, d, annex?.templates[i] ?? null));
  return {
    letter: {
      kind: letter.kind,
      is_foi: letter.kind === 'foi-request',
      date: letter.date,
      date_text: formatDate(letter.date, words),
      reference: letter.reference ?? null,
      subject: letter.subject,
      language: letter.language,
    },
    requester: {
      organisation: rq.organisation,
      address: rq.address ?? null,
      address_line: oneLine(rq.address),
      email: rq.email,
      phone: rq.phone ?? null,
      website: rq.website ?? null,
      contact: {
        name: contact.name,
        title: contact.title ?? null,
        email: ('email' in contact && contact.email) || rq.email,
        phone: ('phone' in contact && contact.phone) || rq.phone || null,
      },
      signatory: { name: rq.signatory.name, title: rq.signatory.title ?? null },
      co_signers: rq.co_signers.map((c) => ({ organisation: c.organisation, signatory: c.signatory ?? null })),
      has_co_signers: rq.co_signers.length > 0,
    },
    recipient: {
      institution: rc.institution,
      office: rc.office ?? null,
      person: rc.person ?? null,
      title: rc.title ?? null,
      address: rc.address ?? null,
      address_line: oneLine(rc.address),
      email: rc.email ?? null,
      level: rc.level,
      salutation: rc.salutation ?? rc.person ?? rc.title ?? word(words, 'phrases', 'default_salutation'),
    },
    datasets,
    dataset_count: datasets.length,
    several_datasets: datasets.length > 1,
    purpose: spec.purpose ?? null,
    legal_basis: midSentence(spec.legal_basis),
    ogp: spec.open_government_partnership?.member
      ? { commitments: spec.open_government_partnership.commitments, has_commitments: spec.open_government_partnership.commitments.length > 0 }
      : null,
    fees: spec.fees ? { waiver_requested: spec.fees.waiver_requested, reason: spec.fees.reason ?? null, will_pay_up_to: spec.fees.will_pay_up_to ?? null } : null,
    delivery: {
      channel: spec.delivery.channel,
      channel_text: word(words, 'delivery', spec.delivery.channel),
      details: spec.delivery.details ?? null,
    },
    law: lawContext(timeline, words, d, spec.letter.date, languageOf(spec)),
    /** How letters name the law: the spec's legal_basis, else "the <law name>". */
    statute: midSentence(spec.legal_basis) ?? (timeline ? word(words, 'phrases', 'the_law').replace('{name}', lawName(timeline.law, languageOf(spec))) : null),
    earlier_request: spec.earlier_request ? {
      reference: spec.earlier_request.reference ?? null,
      sent_on_text: formatDate(spec.earlier_request.sent_on, words),
      response: spec.earlier_request.response,
      no_response: spec.earlier_request.response === 'none',
      response_text: word(words, 'responses', spec.earlier_request.response),
      response_date_text: d(spec.earlier_request.response_date),
      response_reference: spec.earlier_request.response_reference ?? null,
    } : null,
    earliest_needed_by_text: d(spec.datasets.map((x) => x.needed_by).filter((x): x is string => !!x).sort()[0]),
    any_personal_data: datasets.some((x) => x.privacy !== null),
    any_undertaking: datasets.some((x) => x.privacy?.undertaking),
    any_delimited: datasets.some((x) => x.dialect.delimited),
    annex_datapackage: annex?.datapackage ?? null,
    words,
  };
}

/**
 * The law as letters cite it; dates only where the registry has a verified period. Always an
 * object, with nulls when the spec names no law: strict Handlebars throws on `law.x` when `law`
 * itself is null.
 */
function lawContext(t: Timeline | undefined, words: Words, d: (iso?: string) => string | null, letterDate: string, language: string) {
  const due = t?.response.status === 'due' ? t.response : undefined;
  const unit = (u: string, n: number) => `${n} ${word(words, 'units', u)}`;
  const step = t?.appeal?.step;
  return {
    code: t?.law.code ?? null,
    name: t ? lawName(t.law, language) : null,
    /** The law's name as it reads in a sentence: "the Access to Information Act, 2016". */
    title: t ? word(words, 'phrases', 'the_law').replace('{name}', lawName(t.law, language)) : null,
    citation: t?.law.citation ?? null,
    period_text: t?.law.response ? unit(t.law.response.unit, t.law.response.period) : null,
    due_text: due ? d(due.due) : null,
    due_passed: due ? letterDate > due.due : false,
    follow_up_text: d(t?.followUp),
    counted_from_text: d(t?.from),
    purpose_required: t?.law.request.purpose_required === true,
    fee_charged: t?.law.request.fee === true,
    appeal: {
      // The registry's addressee, else a plain description of the step ("the information commission"):
      // its `body` field is a note (sections, alternatives), not a name to address a letter to.
      // The registry's addressee is English prose: a letter in another language names the step in its own words.
      body: step ? (language.split('-')[0] === 'en' ? step.addressee : undefined) ?? word(words, 'appeal_bodies', step.step) : null,
      // Internal review goes back to the institution itself; other steps go to another body.
      external: step ? !['internal-review', 'higher-authority'].includes(step.step) : false,
      court: step ? step.step === 'court' || step.step === 'tribunal' : false,
      lodge_by_text: d(t?.appeal?.lodgeBy),
      /** True only when the letter is dated on or before the last day to lodge the appeal. */
      in_time: Boolean(t?.appeal?.lodgeBy && letterDate <= t.appeal.lodgeBy),
      // The registry says from when in English; a language's words.yaml names the start itself (appeal_starts).
      limit_text: step?.limit ? word(words, 'phrases', 'limit').replace('{period}', unit(step.limit.unit, step.limit.period))
        .replace('{from}', (step.limit.starts && wordOr(words, 'appeal_starts', step.limit.starts)) || step.limit.from) : null,
    },
  };
}

/** The law as a letter in `language` names it: its own name (original_name) when the letter is in that language. */
function lawName(law: Timeline['law'], language: string): string {
  const own = law.original_name;
  return own && own.lang.split('-')[0] === language.split('-')[0] ? own.text : law.name;
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
    format_text: ds.format === 'other' ? (ds.format_description ?? '') : word(words, 'formats', dialect.format),
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
    })),
    has_fields: ds.fields.length > 0,
    annex_template: template,
    has_examples: ds.fields.some((f) => f.example !== undefined),
    granularity: ds.granularity ?? null,
    granularity_text: ds.granularity ? word(words, 'granularity', ds.granularity) : null,
    time_range: ds.time_range ? { from_text: d(ds.time_range.from), to_text: d(ds.time_range.to) } : null,
    as_of_text: d(ds.as_of),
    summary_totals: ds.summary_totals ?? null,
    documentation: ds.documentation,
    priority: ds.priority ?? null,
    priority_text: ds.priority ? word(words, 'priority', ds.priority) : null,
    needed_by_text: d(ds.needed_by),
    privacy: privacy ? {
      may_exclude: privacy.may_exclude, has_exclude: privacy.may_exclude.length > 0,
      may_mask: privacy.may_mask, has_mask: privacy.may_mask.length > 0,
      undertaking: privacy.undertaking, delete_by_text: d(privacy.delete_by),
    } : null,
  };
}

export type LetterContext = ReturnType<typeof buildContext>;
