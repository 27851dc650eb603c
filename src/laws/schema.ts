// The one definition of the law registry (laws/laws.yaml and --laws files) and of the holiday
// tables in laws/holidays/. Unknown keys are errors so that a typo never silently drops a fact.
// A namespace import, not { z }: the bundle then keeps only the zod API used (scripts/bundle.mjs).
import * as z from 'zod';
import { firstNotText } from '../characters.js';

// Law texts are shown on terminals and written into letters: no control characters (characters.ts).
const text = z.string().trim().min(1).refine((s) => !firstNotText(s), { error: 'expected text without control characters' });

/** `YYYY-MM-DD`; whether the day exists is checked where dates are used (dates.ts). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const DayUnit = z.enum(['working-days', 'calendar-days']);
export type DayUnit = z.infer<typeof DayUnit>;

export const Period = z.strictObject({
  period: z.int().positive().max(366),
  unit: DayUnit,
});
export type Period = z.infer<typeof Period>;

export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

/** Where a fact's source or confidence differs from its row's, the fact carries its own. */
const sourced = {
  source: text.optional(),
  confidence: Confidence.optional(),
  note: text.optional().describe('a note to the user, never printed in a letter'),
};

/** BCP 47 tags (en, pt-BR, sr-Cyrl); Intl knows the grammar. */
export const LanguageTag = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, { error: 'expected a BCP 47 language tag such as en, fr or pt-BR' });

/**
 * What an appeal limit counts from, as data: `decision` (the refusal or partial answer),
 * `deemed-refusal` (the last day of the response period has passed), `decision-or-deemed-refusal`,
 * `previous-step` (the decision on the step before, or the day it was due), `notification`
 * (the day the decision was notified to the requester).
 */
export const LimitStart = z.enum(['decision', 'deemed-refusal', 'decision-or-deemed-refusal', 'previous-step', 'notification']);
export type LimitStart = z.infer<typeof LimitStart>;

/** Appeal limits are sometimes in months (Sri Lanka), so they get their own unit list. */
const AppealLimit = z.strictObject({
  period: z.int().positive().max(366),
  unit: z.enum(['working-days', 'calendar-days', 'months']),
  from: text.describe('the event the limit runs from, e.g. "the decision"'),
  starts: LimitStart.optional(),
});

export const StepKind = z.enum(['internal-review', 'higher-authority', 'information-commission', 'ombudsman',
  'oversight-body', 'mediation', 'tribunal', 'court', 'minister']);

const AppealStep = z.strictObject({
  /** The name an appeal letter is addressed to, by role as the statute names it; `body` is a note on the step. */
  addressee: text.optional(),
  /** The addressee as the statute names it in its own language, for letters written in that language. */
  addressee_original: z.strictObject({ text, lang: LanguageTag }).optional(),
  /** The provision as the statute cites it in its own language ("Pasal 35 dan Pasal 36", "الفصل 30", "दफा ९"), for letters in that language. */
  provision_original: z.strictObject({ text, lang: LanguageTag }).optional(),
  step: StepKind,
  body: text,
  /** The statute's own name for the step: in English, and in the law's language where it differs. */
  term: z.strictObject({ en: text, original: text.optional(), lang: LanguageTag.optional() }).optional(),
  /** The provision that grants the step (cited in the appeal's heading), not the request's. */
  provision: text.optional(),
  limit: AppealLimit.nullable(),
  /** A prescribed form for the step (e.g. PAIA Form 4), or null where none is prescribed. */
  form: text.nullable().optional(),
  /** The kinds of body (ids in the row's `bodies`) the step exists for; absent = every body. */
  for: z.array(text).min(1).optional(),
  /** The time the statute (or a binding code) gives the appeal body to decide, where it sets one. */
  decision: z.strictObject({ period: z.int().positive().max(366), unit: z.enum(['working-days', 'calendar-days', 'months']) }).optional(),
  /** Whether the step is optional (the requester may go straight to the next one). */
  optional: z.boolean().optional(),
  ...sourced,
});
export type AppealStep = z.infer<typeof AppealStep>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** true / false, or null where the sources do not say. */
const maybe = z.boolean().nullable();

const Languages = z.strictObject({
  /** Languages a filing may be written in, the default first. */
  accepted: z.array(LanguageTag).min(1),
  /** Accepted in practice only (a translation may be asked for): a warning, not an error. */
  tolerated: z.array(LanguageTag).optional(),
  provision: text.optional(),
  ...sourced,
});

const Requester = z.strictObject({
  /** Whether a legal person (an organisation) may request in its own name. */
  legal_persons: maybe,
  /** What the filing must state to establish standing, or absent where anyone may ask. */
  standing: text.optional(),
  identification: z.strictObject({
    required: maybe,
    what: text,
    provision: text.optional(),
    /** `what` and `provision` in the law's own language, for letters in that language. */
    original: z.strictObject({ what: text, provision: text.optional(), lang: LanguageTag }).optional(),
    ...sourced,
  }).optional(),
  ...sourced,
});

const Fees = z.strictObject({
  text: text.describe('the fees in one sentence, as before'),
  /** The fee that must accompany the application; null = none. */
  application: z.strictObject({
    amount: z.number().nonnegative().nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as INR'),
    /** with-application: enclosed with the filing; on-notice: paid when the body asks for it. */
    due: z.enum(['with-application', 'on-notice']).optional(),
    payment: text.optional(),
    exempt: text.optional(),
    provision: text,
    provision_original: z.strictObject({ text, lang: LanguageTag }).optional(),
    ...sourced,
  }).nullable().optional(),
  reproduction: text.optional(),
  /** What the filing must say about fees to be processed (US: the fee category and a commitment to pay or a waiver request). */
  commitment: text.optional(),
  /** Waiver grounds the law itself provides; absent or [] = the law has none. */
  waivers: z.array(z.strictObject({ ground: text, provision: text, ...sourced })).optional(),
  ...sourced,
});

/** A regular expression over recipient.institution (case-insensitive, Unicode). */
const Pattern = z.string().min(1).refine((p) => {
  try {
    new RegExp(p, 'iu');
    return true;
  } catch {
    return false;
  }
}, { error: 'expected a regular expression' });

const BodyKind = z.strictObject({
  kind: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected an id such as electoral-commission'),
  label: text,
  match: z.array(Pattern).default([]),
  /** A body-specific appeal route that replaces the row's `appeal` for this kind of body. */
  appeal: z.array(AppealStep).min(1).optional(),
  ...sourced,
});

const Coverage = z.strictObject({
  /** What the law does not reach: the bodies matched, or records of these dataset categories. */
  institutions: z.array(Pattern).optional(),
  levels: z.array(z.enum(['national', 'regional', 'local'])).optional(),
  categories: z.array(text).optional(),
  /** Only for records at this level of detail (e.g. individual-record). */
  granularities: z.array(text).optional(),
  reason: text,
  route: text.describe('the route to use instead'),
  ...sourced,
});

const DeadlineRules = z.strictObject({
  /** Days that cannot be the last day of a calendar-day period; default: the weekend and holidays. */
  last_day: z.strictObject({ not_on: z.array(Weekday), holidays: z.boolean(), provision: text, ...sourced }).optional(),
  /** Legal states during which holidays are working days (e.g. martial law), from..to (open = null). */
  states: z.array(z.strictObject({
    name: text,
    from: IsoDate,
    to: IsoDate.nullable(),
    holidays_off: z.boolean(),
    provision: text,
    ...sourced,
  })).optional(),
  /** When silence becomes a deemed refusal that can be appealed, and what to do before then. */
  silence: z.strictObject({
    after: z.strictObject({ period: z.int().positive(), unit: z.enum(['working-days', 'calendar-days', 'months']) }).nullable(),
    effect: text,
    remedy: text.optional(),
    provision: text,
    ...sourced,
  }).optional(),
  /** Closures bodies commonly declare themselves (días inhábiles, cuti bersama): give them in `closures`. */
  declared_closures: text.optional(),
});

export const Law = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code (or EU), e.g. KE'),
  region: z.enum(['africa', 'americas', 'asia', 'europe', 'middle-east-north-africa', 'oceania']),
  name: text,
  /** The law's name in its own language, where the letter cites it in the original. */
  original_name: z.strictObject({ lang: LanguageTag, text }).optional(),
  /** Its name in other languages its bodies take (a second official version, or the official translation), for letters in them. */
  other_names: z.array(z.strictObject({ lang: LanguageTag, text, source: text, confidence: Confidence.optional() })).optional(),
  languages: Languages.optional(),
  citation: text,
  year: z.int().min(1766).max(2100),
  who_may_request: z.strictObject({
    kind: z.enum(['any-person', 'citizens', 'citizens-and-residents']),
    note: text.optional(),
  }),
  requester: Requester.optional(),
  request: z.strictObject({
    written: maybe,
    prescribed_form: maybe,
    fee: maybe,
    purpose_required: maybe,
    text,
  }),
  fees: z.preprocess((v) => (typeof v === 'string' ? { text: v } : v), Fees).optional(),
  /** The law's own test for restricting access (Kyrgyzstan's art. 8(1)), which an appeal against a refusal cites. */
  restriction_test: z.strictObject({
    provision: text,
    test: text,
    /** As a letter in the law's language cites it: the provision, and the test (a rendering where so noted, never quoted). */
    original: z.strictObject({ lang: LanguageTag, provision: text, test: text }).optional(),
    ...sourced,
  }).optional(),
  response: Period.nullable(),
  extension: Period.nullable(),
  extension_note: text.optional(),
  appeal: z.array(AppealStep).min(1),
  /** Kinds of body the law treats differently, matched against the recipient; one may carry its own appeal route. */
  bodies: z.array(BodyKind).optional(),
  coverage: z.array(Coverage).optional(),
  deadline: DeadlineRules.optional(),
  weekend: z.array(Weekday).min(1).max(3),
  holidays: z.strictObject({
    calendars: z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,4})?$/, 'expected a calendar id like KE or GB-SCT')),
    bank: z.boolean(),
    note: text.optional(),
  }),
  source: text,
  checked: text.optional(),
  confidence: Confidence,
  notes: text.optional(),
}).superRefine((law, ctx) => {
  if (law.extension && !law.response) {
    ctx.addIssue({ code: 'custom', path: ['extension'], input: law.extension, message: 'an extension needs a response period' });
  }
  // The engine counts period + extension as one run of days, which needs one unit.
  if (law.extension && law.response && law.extension.unit !== law.response.unit) {
    ctx.addIssue({ code: 'custom', path: ['extension', 'unit'], input: law.extension.unit, message: `the extension must use the response period's unit (${law.response.unit})` });
  }
  const kinds = new Set((law.bodies ?? []).map((b) => b.kind));
  law.appeal.forEach((step, i) => step.for?.forEach((k, j) => {
    if (!kinds.has(k)) ctx.addIssue({ code: 'custom', path: ['appeal', i, 'for', j], input: k, message: `no body kind ${k} in \`bodies\`` });
  }));
  if (new Set(law.weekend).size !== law.weekend.length) {
    ctx.addIssue({ code: 'custom', path: ['weekend'], input: law.weekend, message: 'a weekend day is listed twice' });
  }
});
export type Law = z.infer<typeof Law>;

export type LawsFile = z.infer<typeof LawsFile>;

export const HolidayTable = z.strictObject({
  calendar: z.string(),
  source: z.string(),
  license: z.string(),
  coverage: z.strictObject({ from: IsoDate, to: IsoDate }),
  holidays: z.array(z.strictObject({
    date: IsoDate,
    name: z.string(),
    /** The name in the country's language, where `name` is a translation. */
    native: z.string().optional(),
    type: z.enum(['public', 'bank']),
    substitute: z.literal(true).optional(),
  })),
});
export type HolidayTable = z.infer<typeof HolidayTable>;

/**
 * A holiday table given in a --laws file, for a calendar oedr ships none for: the same shape, with
 * the licence optional and `public` the default type. Every date must lie within its coverage.
 */
const UserHolidayTable = z.strictObject({
  calendar: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,4})?$/, 'expected a calendar id like KE or GB-SCT'),
  source: text.describe('where the dates come from: the gazette, the statute or an official list'),
  license: text.optional(),
  coverage: z.strictObject({ from: IsoDate, to: IsoDate }),
  holidays: z.array(z.strictObject({
    date: IsoDate,
    name: text,
    type: z.enum(['public', 'bank']).default('public'),
    substitute: z.literal(true).optional(),
  })),
}).superRefine((t, ctx) => {
  if (t.coverage.from > t.coverage.to) ctx.addIssue({ code: 'custom', path: ['coverage', 'to'], input: t.coverage.to, message: 'the coverage ends before it starts' });
  t.holidays.forEach((h, i) => {
    if (h.date < t.coverage.from || h.date > t.coverage.to) {
      ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], input: h.date, message: `a holiday outside the coverage (${t.coverage.from} to ${t.coverage.to})` });
    }
  });
});

export const LawsFile = z.strictObject({ laws: z.array(Law).min(1), holidays: z.array(UserHolidayTable).optional() }).superRefine((file, ctx) => {
  const seen = new Map<string, number>();
  file.laws.forEach((law, i) => {
    const first = seen.get(law.code);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['laws', i, 'code'], input: law.code, message: `code ${law.code} already used by laws[${first}]` });
    } else seen.set(law.code, i);
  });
});



/** The keys allowed at a path in a laws file, for "did you mean" on unknown keys. */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let node: unknown = LawsFile;
  for (const seg of path) {
    node = unwrap(node);
    const def = (node as { def?: Def }).def;
    if (def?.type === 'array' && typeof seg === 'number') node = def.element;
    else if (def?.type === 'object' && typeof seg === 'string') node = def.shape?.[seg];
    else return [];
  }
  return Object.keys((unwrap(node) as { def?: Def }).def?.shape ?? {});
}

interface Def { type?: string; innerType?: unknown; out?: unknown; shape?: Record<string, unknown>; element?: unknown }

function unwrap(s: unknown): unknown {
  let cur = s as { def?: Def } | undefined;
  while (cur?.def && ['optional', 'nullable', 'default', 'pipe'].includes(cur.def.type ?? '')) {
    cur = (cur.def.type === 'pipe' ? cur.def.out : cur.def.innerType) as { def?: Def };
  }
  return cur;
}
