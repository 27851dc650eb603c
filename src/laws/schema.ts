// The one definition of the law registry (laws/laws.yaml and --laws files) and of the holiday
// tables in laws/holidays/. Unknown keys are errors so that a typo never silently drops a fact.
// A namespace import, not { z }: the bundle then keeps only the zod API used (scripts/bundle.mjs).
import * as z from 'zod';

const text = z.string().trim().min(1);

/** `YYYY-MM-DD`; whether the day exists is checked where dates are used (dates.ts). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const DayUnit = z.enum(['working-days', 'calendar-days']);
export type DayUnit = z.infer<typeof DayUnit>;

export const Period = z.strictObject({
  period: z.int().positive().max(366),
  unit: DayUnit,
});
export type Period = z.infer<typeof Period>;

/** Appeal limits are sometimes in months (Sri Lanka), so they get their own unit list. */
const AppealLimit = z.strictObject({
  period: z.int().positive().max(366),
  unit: z.enum(['working-days', 'calendar-days', 'months']),
  from: text.describe('the event the limit runs from, e.g. "the decision"'),
});

const AppealStep = z.strictObject({
  /** The name an appeal letter is addressed to; `body` is a note on the step, not a name. */
  addressee: text.optional(),
  step: z.enum(['internal-review', 'higher-authority', 'information-commission', 'ombudsman',
    'oversight-body', 'mediation', 'tribunal', 'court', 'minister']),
  body: text,
  limit: AppealLimit.nullable(),
  note: text.optional(),
});
export type AppealStep = z.infer<typeof AppealStep>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** true / false, or null where the sources do not say. */
const maybe = z.boolean().nullable();

export const Law = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code (or EU), e.g. KE'),
  region: z.enum(['africa', 'americas', 'asia', 'europe', 'middle-east-north-africa', 'oceania']),
  name: text,
  citation: text,
  year: z.int().min(1766).max(2100),
  who_may_request: z.strictObject({
    kind: z.enum(['any-person', 'citizens', 'citizens-and-residents']),
    note: text.optional(),
  }),
  request: z.strictObject({
    written: maybe,
    prescribed_form: maybe,
    fee: maybe,
    purpose_required: maybe,
    text,
  }),
  fees: text.optional(),
  response: Period.nullable(),
  extension: Period.nullable(),
  extension_note: text.optional(),
  appeal: z.array(AppealStep).min(1),
  weekend: z.array(Weekday).min(1).max(3),
  holidays: z.strictObject({
    calendars: z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,4})?$/, 'expected a calendar id like KE or GB-SCT')),
    bank: z.boolean(),
    note: text.optional(),
  }),
  source: text,
  checked: text.optional(),
  confidence: z.enum(['high', 'medium', 'low']),
  notes: text.optional(),
}).superRefine((law, ctx) => {
  if (law.extension && !law.response) {
    ctx.addIssue({ code: 'custom', path: ['extension'], input: law.extension, message: 'an extension needs a response period' });
  }
  // The engine counts period + extension as one run of days, which needs one unit.
  if (law.extension && law.response && law.extension.unit !== law.response.unit) {
    ctx.addIssue({ code: 'custom', path: ['extension', 'unit'], input: law.extension.unit, message: `the extension must use the response period's unit (${law.response.unit})` });
  }
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

interface Def { type?: string; innerType?: unknown; shape?: Record<string, unknown>; element?: unknown }

function unwrap(s: unknown): unknown {
  let cur = s as { def?: Def } | undefined;
  while (cur?.def && (cur.def.type === 'optional' || cur.def.type === 'nullable')) cur = cur.def.innerType as { def?: Def };
  return cur;
}
