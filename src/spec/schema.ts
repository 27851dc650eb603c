// The request spec, version 1: the one definition of the YAML format. The TypeScript types, the
// JSON Schema (`oedr schema`) and validation all come from these zod schemas.
// A namespace import, not { z }: the bundle then keeps only the zod API used (scripts/bundle.mjs).
import * as z from 'zod';
import { firstNotText, kindOf } from '../characters.js';
import {
  categories, deliveryChannels, encodings, fieldTypes, formats, granularities, letterKinds, levels, priorities, refusalGrounds, responses,
} from './vocab.js';

/** `U+0007`: how a character is named in messages, with its code point. */
export const codePointName = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Control characters (but tab and newline), noncharacters (U+FFFE), halves of surrogate pairs and
 * bidi overrides (U+202E), characters.ts. They reach a spec only through escapes in quoted YAML
 * ("\a", "\uFFFE") or a paste, no letter can show them, and a writer would drop or change them:
 * an error at the value, before anything is written.
 */
function noControlCharacters(value: string, ctx: z.RefinementCtx): void {
  const m = firstNotText(value);
  if (!m) return;
  ctx.addIssue({
    code: 'custom', input: value, message: 'expected text without control characters',
    params: { rule: 'control-character', detail: `, which holds ${codePointName(m.char.charCodeAt(0))} (${kindOf(m.char)}) at character ${[...value.slice(0, m.index)].length + 1}; remove it` },
  });
}

const text = z.string().regex(/\S/, { error: 'expected text' }).superRefine(noControlCharacters);
const date = z.iso.date({ error: 'expected a date written YYYY-MM-DD' });
const email = z.email({ error: 'expected an email address such as name@example.org' });
const url = z.url({ protocol: /^https?$/, error: 'expected a web address starting with https://' });
const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code in capitals, such as KE' });

/**
 * Whether `c` can mark columns (delimiter) or wrap text (text_qualifier): one character that is not
 * a letter, digit, mark, control, invisible or space-like character, since any of those also occurs
 * inside the values themselves, or cannot be seen. A tab is the one exception, as a delimiter.
 * Shared with rules.ts, which must not compare a character already reported here.
 */
export function dialectCharOk(c: unknown, role: 'delimiter' | 'text_qualifier'): boolean {
  if (typeof c !== 'string' || c.length !== 1) return false;
  if (role === 'delimiter' && c === '\t') return true;
  // ASCII, the usual case, without compiling the Unicode-property pattern (~1 ms at start): there
  // it leaves exactly the visible characters ! to ~ that are neither letters nor digits.
  if (c < '\u0080') return c > ' ' && c < '\u007f' && !/[A-Za-z0-9]/.test(c);
  return !/[\p{L}\p{N}\p{M}\p{Cc}\p{Cf}\p{Z}\s]/u.test(c);
}

const dialectExamples = {
  delimiter: 'such as "," ";" "|" or a tab ("\\t")',
  text_qualifier: 'such as \'"\' or "\'"',
} as const;

const dialectChar = (role: 'delimiter' | 'text_qualifier') =>
  z.string().length(1, { error: `expected exactly one character${role === 'delimiter' ? ' (write a tab as "\\t")' : ''}` })
    .refine((c) => c.length !== 1 || dialectCharOk(c, role), {
      params: { rule: 'dialect-character' },
      error: `expected one character that is not a letter, digit, space or control character${role === 'delimiter' ? ' (a tab is allowed)' : ''}, ${dialectExamples[role]}`,
    });

/** BCP 47 tags such as `en`, `pt-BR`, `sr-Latn`; Intl knows the grammar and the canonical case. */
const languageTag = z.string().refine(
  (tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  },
  { error: 'expected a BCP 47 language tag such as en, fr or pt-BR' },
);
/**
 * `EN` and `pt-br` are `en` and `pt-BR`: letters and template folders see the canonical form. The
 * default sits before the transform so that the JSON Schema (io: input) still shows it.
 */
const canonical = (tag: string) => Intl.getCanonicalLocales(tag)[0]!;

export const Letter = z.strictObject({
  kind: z.enum(letterKinds).default('data-request')
    .describe('data-request: a letter asking an institution for data. foi-request: a formal filing under an access-to-information (FoI) law. follow-up: a reminder about an earlier request. appeal: the next step on the law\'s appeal route after no answer or a refusal.'),
  date: date.describe('Date printed on the letter (YYYY-MM-DD). Deadlines count from it; oedr never reads the clock.'),
  reference: text.optional().describe("Your own reference for this letter, e.g. CEW/2027/014. Ask the institution to quote it."),
  place: text.optional().describe('The place the letter is written in, printed before the date as the letter\'s language has it: "Ciudad de México, a 12 de abril de 2027", "تونس في 12 أفريل 2027".'),
  language: languageTag.transform(canonical).optional().describe("Language of the letter as a BCP 47 tag (en, es, ar, pt-BR). Templates must exist for it. Left out, the letter is in the law's first language that oedr has templates for, else English."),
  subject: text.describe('Subject line of the letter: what you ask for, in one line.'),
  annex: z.enum(['auto', 'always', 'never']).default('auto')
    .describe('The plain-words annex on data formats, for officials new to data. auto: included unless the recipient\'s title or office names a technical office (ICT, IT, data, statistics, systems, digital…); never in follow-ups and appeals.'),
  reading_copy: languageTag.transform(canonical).optional().describe("Also write the letter in this language (BCP 47, e.g. en), marked on every page as a translation for the requester's records, so that whoever signs a letter in the law's language knows what it says. Same as `oedr draft --reading-copy`."),
}).describe('The letter itself: its kind, date, reference, language and subject.');

const Person = z.strictObject({
  name: text.describe('Full name.'),
  title: text.optional().describe('Position, e.g. Executive Director.'),
});

/** A picture the letter carries; the file is read and checked by `draft` (src/images.ts). */
const Picture = z.strictObject({
  file: text.describe('PNG or JPEG file (at most 2 MB), relative to the spec file.'),
  alt: text.describe('What the picture shows, for readers who cannot see it (alt text), e.g. "Citizens\' Election Watch logo".'),
});
const Signatory = Person.extend({
  signature: Picture.partial({ alt: true }).optional()
    .describe('A scanned signature (PNG or JPEG), drawn above the signature line. Alt text defaults to "Signature of <name>".'),
});

export const Requester = z.strictObject({
  organisation: text.describe('Name of the monitoring group or organisation making the request.'),
  address: text.optional().describe('Postal address; use a YAML block (|) for several lines.'),
  email: email.describe('Email address for replies and questions.'),
  registered_in: countryCode.optional().describe('Country where your organisation is registered (ISO 3166-1 alpha-2, e.g. KE); oedr warns when the law admits only citizens.'),
  standing: z.strictObject({
    basis: z.enum(['citizen', 'resident', 'citizen-controlled-entity', 'legal-person']).describe('What entitles the requester under the law: citizen, resident, citizen-controlled-entity or legal-person.'),
    country: countryCode.optional().describe('The country of that citizenship, residence or registration (ISO 3166-1 alpha-2). Default: the law\'s.'),
    person: text.optional().describe('Under a citizens-only law that does not admit organisations (e.g. India), the citizen who makes the request, e.g. an office-bearer: "Asha Rao, Secretary".'),
    statement: text.optional().describe('The sentence that establishes standing, in your own words, if the default does not fit.'),
  }).optional().describe("The requester's standing under a law that admits only citizens, residents or some organisations."),
  identification: z.strictObject({
    document: text.describe('The identity document or registration the law requires, e.g. "CPF", "KTP", "deed of establishment".'),
    number: text.optional().describe('Its number, if given in the filing.'),
  }).optional().describe('The identification some laws require in the filing (Brazil art. 10, Philippines EO 2 s.9, Indonesia).'),
  phone: text.optional().describe('Telephone number. Quote it ("+254 700 000 000") so YAML keeps it as text.'),
  website: url.optional().describe('Web site of the organisation.'),
  contact_person: Person.extend({
    email: email.optional().describe('Direct email, if different from the organisation email.'),
    phone: text.optional().describe('Direct telephone number.'),
  }).optional().describe('Who answers questions about the request, if not the signatory.'),
  logo: Picture.optional().describe('Logo printed at the top left of the letter (PNG or JPEG, with alt text).'),
  letterhead: Picture.optional().describe('A letterhead image printed across the top of the first page instead of the organisation name (PNG or JPEG, with alt text).'),
  reference_docx: text.optional().describe('A Word document (.docx) whose styles, header and footer the DOCX letter takes, as pandoc\'s --reference-doc; relative to the spec file. The PDF uses logo and letterhead instead.'),
  signatory: Signatory.describe('Who signs the letter.'),
  co_signers: z.array(z.strictObject({
    organisation: text.describe('Name of the co-signing organisation.'),
    signatory: Signatory.optional().describe('Who signs for it.'),
  })).default([]).describe('Organisations that sign with you. A coalition carries more weight.'),
}).describe('Who asks: your organisation, its contacts and who signs.');

export const Recipient = z.strictObject({
  institution: text.describe('The institution that holds the data, e.g. the national election commission.'),
  office: text.optional().describe('Office or department within it that holds the data.'),
  person: text.optional().describe('Name of the official addressed.'),
  title: text.optional().describe('Title of the official, e.g. Chief Executive Officer.'),
  salutation: text.optional().describe('How the letter greets the official after "Dear", e.g. "Dr Owino". Default: the person, else the title.'),
  address: text.optional().describe('Postal address; use a YAML block (|) for several lines.'),
  email: email.optional().describe('Email address of the office or official.'),
  level: z.enum(levels).default('national').describe('Level of the institution: national, regional or local.'),
  country: countryCode.optional().describe("The institution's country (ISO 3166-1 alpha-2, e.g. KE), for the treaties a letter cites. Default: the law's code, else requester.registered_in."),
  body_kind: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a body kind id such as electoral-commission' }).optional()
    .describe('The kind of body under the law (an id from `oedr laws CODE`, e.g. electoral-commission); by default oedr matches the institution\'s name.'),
}).describe('Who is asked: the institution and the office that holds the data.');

export const Field = z.strictObject({
  name: text.describe('Column or field name exactly as it should appear in the file, e.g. polling_station_code.'),
  description: text.describe('What the field holds, in plain words.'),
  type: z.enum(fieldTypes).optional().describe('Kind of value: string, integer, number, boolean, date, datetime, year or geopoint.'),
  example: z.union([z.string().superRefine(noControlCharacters), z.number(), z.boolean()]).transform(String).optional()
    .describe('An example value, e.g. 047-123-0001.'),
  required: z.boolean().default(false).describe('Whether every row must have a value.'),
});

export const Privacy = z.strictObject({
  personal_data: z.boolean().default(true).describe('Whether the dataset holds data about identifiable people.'),
  may_exclude: z.array(text).default([]).describe('Fields the institution may leave out to protect privacy.'),
  may_mask: z.array(text).default([]).describe('Fields the institution may mask or pseudonymise (e.g. show only the year of birth).'),
  undertaking: z.boolean().default(false)
    .describe('Offer a written undertaking to store restricted data securely and not to publish it. A promise, so never assumed: say true.'),
  delete_by: date.optional().describe('Date by which you will delete the restricted data (YYYY-MM-DD).'),
  public: z.array(text).default([])
    .describe('Fields the law or the guide treats as public (e.g. donor names in campaign finance): the undertaking never covers them, and the letter says so.'),
  leave_out_protected: z.boolean().optional()
    .describe('Offer that protected or vulnerable people (e.g. voters whose address is withheld by law) be left out. Default: true for individual records of voters.'),
});

export const Dataset = z.strictObject({
  title: text.describe('Short name of the dataset, e.g. Presidential results by polling station.'),
  description: text.describe('What the dataset is, in plain words an official without data training understands.'),
  category: z.enum(categories).optional().describe("The Open Election Data Initiative's data category."),
  format: z.enum(formats).default('csv').describe('File format. CSV is the most widely usable; "other" needs format_description.'),
  format_description: text.optional().describe('The format in words, when format is "other".'),
  encoding: z.enum(encodings).optional().describe('Character encoding of text formats. Default UTF-8.'),
  delimiter: dialectChar('delimiter').optional().describe('Field separator for CSV/TSV. Default "," for CSV and "\\t" (tab) for TSV.'),
  text_qualifier: dialectChar('text_qualifier').optional().describe('Character that wraps text containing the delimiter. Default \'"\'.'),
  decimal_separator: z.enum(['.', ',']).optional().describe('Decimal separator in numbers. Default ".".'),
  header_row: z.boolean().optional().describe('Whether the first row holds the column names. Default true.'),
  time_range: z.strictObject({
    from: date.describe('First day covered (YYYY-MM-DD).'),
    to: date.describe('Last day covered (YYYY-MM-DD).'),
  }).optional().describe('Period the data should cover.'),
  as_of: date.optional().describe('For data that changes over time: the date the data should be correct on.'),
  fields: z.array(Field).default([]).describe('The exact fields (columns) wanted.'),
  granularity: z.enum(granularities).optional().describe('Finest level wanted, from national down to polling station, stream or individual record.'),
  unit_fields: z.array(text).min(1).optional()
    .describe('The fields that together name one unit of the granularity when one alone does not, e.g. [county, town, precinct]; `oedr check` counts units by them.'),
  column_map: z.record(z.string(), text).optional()
    .describe('Columns a delivery names its own way, as delivered name: requested field, e.g. { "Total Votes": votes }; `oedr check` checks them as those fields.'),
  summary_totals: text.optional().describe('Aggregate totals wanted alongside the detail, to check it, e.g. votes per candidate per county.'),
  documentation: z.boolean().default(true).describe('Ask for documentation (a codebook): field meanings, abbreviations, how the data was collected.'),
  priority: z.enum(priorities).optional().describe("Why this dataset comes first, in the guide's terms."),
  needed_by: date.optional().describe('Date by which you need the data (YYYY-MM-DD).'),
  privacy: Privacy.optional().describe('For datasets with personal data: what may be withheld and what you undertake.'),
}).describe('One dataset you ask for.');

export const Spec = z.strictObject({
  oedr: z.literal(1).default(1).describe('Version of the request spec format. Always 1 for now.'),
  letter: Letter,
  requester: Requester,
  recipient: Recipient.describe('Who is asked: the institution and the office that holds the data. With `recipients` (one letter each), leave this out.'),
  datasets: z.array(Dataset).min(1, { error: 'expected at least one dataset' }).describe('The datasets you ask for.'),
  delivery: z.strictObject({
    channel: z.enum(deliveryChannels).default('email').describe('How the data should reach you: email, download-link, portal or physical-media.'),
    details: text.optional().describe('Where or how, e.g. the address to send to or the portal to use.'),
  }).default({ channel: 'email' }).describe('How the data should be delivered.'),
  purpose: text.optional().describe('Why you need the data: the observation it supports.'),
  law: countryCode.optional().describe('The access-to-information law to use, by its code in `oedr laws` (e.g. KE). FoI filings then cite it and state the statutory response date.'),
  closures: z.array(z.strictObject({
    date: date.describe('A day the institution is closed (YYYY-MM-DD).'),
    name: text.describe('Why, e.g. "General election holiday".'),
  })).default([]).describe('Closures the holiday tables cannot know, such as a public holiday declared for election day; deadlines skip them.'),
  earlier_request: z.strictObject({
    reference: text.optional().describe('The reference of the earlier request.'),
    folio: text.optional().describe("The number the institution or its portal gave the earlier request on receipt (in Mexico, the folio of the Plataforma Nacional de Transparencia); appeals and follow-ups cite it."),
    sent_on: date.describe('The date the earlier request was sent (YYYY-MM-DD); deadlines count from it.'),
    response: z.enum(responses).default('none').describe('What came back: none, refused, partial or incomplete-data.'),
    response_date: date.optional().describe('The date of the refusal or partial answer (YYYY-MM-DD).'),
    response_reference: text.optional().describe("The institution's reference on its answer."),
    refusal: z.strictObject({
      ground: z.enum(refusalGrounds).default('other')
        .describe('What the refusal (or the part withheld) relied on: personal-data, not-held (no such record, or it would have to be created), cost (too costly or voluminous), future-publication, security, or other.'),
      provision: text.optional().describe('The provision the answer cited, e.g. "section 40(2)".'),
      reason: text.optional().describe('The reason given, as the answer put it, after "on the ground that": e.g. "the records contain personal data".'),
      withheld: text.optional().describe('For a partial answer: what was withheld, e.g. "the results of 212 polling stations".'),
      answer: text.optional().describe('Your own answer to the refusal, as one or more sentences; the letter adds the usual grounds for the kind of refusal.'),
    }).optional().describe('For an appeal: what the refusal or partial answer said, so that the grounds answer it.'),
  }).optional().describe('For follow-up and appeal letters: the request they refer to.'),
  legal_basis: text.optional().describe('The law the request is made under, as it reads after "under", e.g. "the Access to Information Act, 2016, section 4". Required for foi-request.'),
  open_government_partnership: z.strictObject({
    member: z.boolean().describe('Whether the country is a member of the Open Government Partnership.'),
    commitments: z.array(text).default([]).describe('Relevant OGP action-plan commitments, e.g. "KE0029 Implement Access to Information Act".'),
  }).optional().describe('Open Government Partnership membership to cite.'),
  fees: z.strictObject({
    waiver_requested: z.boolean().default(true).describe('Ask the institution to waive fees.'),
    reason: text.optional().describe('Why fees should be waived, as a sentence, e.g. "The data is for non-commercial use in the public interest."'),
    will_pay_up_to: text.optional().describe('The most you will pay without being asked first, e.g. "KES 2,000".'),
    category: text.optional().describe('The fee category you claim where the law has them, e.g. US FOIA: "a representative of the news media" or "an educational institution".'),
    paid: text.optional().describe('How the application fee the law requires is paid or enclosed, e.g. "Indian Postal Order No. 12F 345678 for Rs 10".'),
    waiver_ground: text.optional().describe('The waiver ground the law provides that you claim, e.g. "Below Poverty Line certificate enclosed".'),
  }).optional().describe('Fee statement for an FoI filing.'),
}).describe('An oedr request spec: one letter asking an institution for election data.');

export type RequestSpec = z.output<typeof Spec>;
export type DatasetSpec = z.output<typeof Dataset>;
export type SpecInput = z.input<typeof Spec>;

/** Ids name files: `<spec>-<id>.<dataset>.template.csv` must stay under 255 bytes. */
const MAX_ID = 64;
/** Names Windows keeps for devices, with or without an extension: a file of that name cannot be made there. */
export const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** `nairobi`, `rift-valley`: the part of the output name and the reference that tells letters apart. */
const recipientId = z.string().refine((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id), {
  params: { rule: 'recipient-id' },
  error: 'expected an id of lower-case letters, digits and single hyphens, such as nairobi or rift-valley',
}).refine((id) => id.length <= MAX_ID, {
  params: { rule: 'recipient-id' },
  error: `expected an id of at most ${MAX_ID} characters: it becomes part of file names, which most systems limit to 255 bytes`,
}).refine((id) => !WINDOWS_RESERVED.test(id), {
  params: { rule: 'recipient-id' },
  error: 'expected an id that is not a device name on Windows (con, prn, aux, nul, com1-com9, lpt1-lpt9); add a word, such as con-office',
});

export const RecipientEntry = Recipient.extend({
  id: recipientId.describe('Short name of this recipient, unique in the list: a slug such as nairobi. The letter is written as <spec name>-<id>, and its reference (if any) gets -<id> appended.'),
  language: languageTag.transform(canonical).optional().describe('Language of this letter, instead of letter.language (BCP 47, e.g. sw).'),
  law: countryCode.optional().describe('Access-to-information law for this letter, instead of the spec\'s `law`.'),
}).describe('One recipient of the request: who is asked, and what differs in their letter.');

export const MERGE_RULES = 'Mappings merge key by key, recursively, and the spec wins; a list or a single value in the spec replaces the profile\'s whole.';

/**
 * The file format: a letter's spec plus the two keys that the loader resolves before validation
 * (`extends`, `recipients`). The JSON Schema is made from this one.
 */
export const SpecFile = Spec.extend({
  // A profile or a recipient list may supply these, so editors must not demand them in the file;
  // the loader checks the merged spec against Spec, where they are required.
  requester: Requester.optional(),
  recipient: Spec.shape.recipient.optional(),
  extends: z.string().optional()
    .describe(`A profile to build on: the path of a YAML file (relative to this file), usually starting with "_" so that folder inputs skip it, e.g. _profile.yaml. It holds any of these keys, typically requester, co-signers and defaults, and may itself extend another profile. ${MERGE_RULES} With a profile, keys it supplies (such as requester) need not be written here.`),
  recipients: z.union([
    z.string().describe('The path of a CSV file (header row naming the columns id, institution, office, person, title, salutation, address, email, level, language, law) or of a YAML list, relative to the file that names it, e.g. _regional-offices.csv.'),
    z.array(RecipientEntry),
  ]).optional()
    .describe('Send the same request to several recipients: one letter each, instead of the one `recipient`. A list, or the path of a .csv or .yaml file holding it.'),
}).describe('An oedr request spec: one letter asking an institution for election data, or one letter for each of its recipients.');

/** A spec with a recipient list: `recipients` validated row by row, no single `recipient`. */
export const SpecWithRecipients = SpecFile.omit({ recipient: true, extends: true }).extend({
  requester: Requester,
  recipients: z.array(RecipientEntry).min(1, { error: 'expected at least one recipient' }),
});
/** A spec whose recipient list could not be read: everything else is still checked. */
export const SpecWithoutRecipient = SpecFile.omit({ recipient: true, extends: true, recipients: true }).extend({ requester: Requester });
export const recipientColumns = Object.keys(RecipientEntry.shape);
