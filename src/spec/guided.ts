// The spec `oedr init --interactive` writes from its answers: a short list of the guide's data
// categories, each with the fields such a dataset usually has, and the YAML text with a comment on
// what to check. Values are written as JSON strings (valid YAML), so no answer can break the file.
export interface GuidedAnswers {
  organisation: string;
  email: string;
  signatory: { name: string; title: string };
  institution: string;
  purpose: string;
  category: CategoryId;
  format: 'csv' | 'xlsx' | 'json';
  letterDate: string;
  neededBy: string;
  /** A law's code from the registry for an FoI filing, or undefined for a data request. */
  law?: string;
}

type Field = [name: string, type: string, description: string];
interface Category { label: string; title: string; description: string; granularity: string; fields: Field[]; totals?: string }

/** The guide's categories a first request most often asks for, with their usual fields. */
export const CATEGORIES = {
  'election-results': {
    label: 'Election results by polling station', title: 'Results by polling station', granularity: 'polling-station',
    description: 'The official result of the election at each polling station, as declared on the polling-station result forms.',
    fields: [['polling_station_code', 'string', 'Official code of the polling station, with leading zeros kept'], ['polling_station_name', 'string', 'Name of the polling station'],
      ['constituency_code', 'string', 'Code of the constituency the polling station belongs to'], ['registered_voters', 'integer', 'Number of voters registered at the polling station'],
      ['ballots_cast', 'integer', 'Number of ballots cast'], ['rejected_ballots', 'integer', 'Number of ballots rejected as invalid'],
      ['candidate_id', 'string', 'Official identifier of the candidate (one row per candidate per polling station)'], ['votes', 'integer', 'Valid votes for the candidate']],
    totals: 'Total votes per candidate for each constituency, to check the polling-station rows against',
  },
  'voter-registration': {
    label: 'Voter-registration statistics by district', title: 'Registered voters by district', granularity: 'district',
    description: 'The number of registered voters in each district, by sex.',
    fields: [['district_code', 'string', 'Official code of the district'], ['district_name', 'string', 'Name of the district'],
      ['registered_voters', 'integer', 'Number of registered voters'], ['registered_women', 'integer', 'Number of registered women'], ['registered_men', 'integer', 'Number of registered men']],
    totals: 'The national total of registered voters',
  },
  'polling-stations': {
    label: 'The list of polling stations', title: 'Polling stations', granularity: 'polling-station',
    description: 'Every polling station with its code, name, ward and location.',
    fields: [['polling_station_code', 'string', 'Official code of the polling station, with leading zeros kept'], ['polling_station_name', 'string', 'Name of the polling station'],
      ['ward_code', 'string', 'Code of the ward the polling station is in'], ['registered_voters', 'integer', 'Number of voters registered at the polling station'],
      ['location', 'geopoint', 'Latitude and longitude of the polling station']],
  },
  'campaign-finance': {
    label: 'Campaign-finance reports', title: 'Campaign contributions', granularity: 'individual-record',
    description: 'Each contribution reported by parties and candidates, as filed with the institution.',
    fields: [['recipient_name', 'string', 'Party or candidate who received the contribution'], ['contributor_name', 'string', 'Name of the contributor as reported'],
      ['amount', 'number', 'Amount of the contribution in the national currency'], ['date_received', 'date', 'Date the contribution was received']],
    totals: 'Total contributions reported by each party and candidate',
  },
} satisfies Record<string, Category>;
export type CategoryId = keyof typeof CATEGORIES;

const q = (s: string) => JSON.stringify(s);

/** The commented spec for the answers. */
export function guidedSpec(a: GuidedAnswers): string {
  const c: Category = CATEGORIES[a.category];
  const kind = a.law ? 'foi-request' : 'data-request';
  const fields = c.fields.map(([name, type, description]) => `      - { name: ${name}, type: ${type}, description: ${q(description)} }`);
  return [
    '# An oedr request spec, written by `oedr init --interactive`. Check the values, add what only',
    '# you know (your address, the office and official you write to, the period the data covers),',
    `# then run \`oedr validate\` and \`oedr draft\` on this file. \`oedr schema\` describes every key.`,
    'oedr: 1',
    '',
    'letter:',
    `  kind: ${kind}${a.law ? `              # a formal filing under the law below` : '             # or foi-request, a formal filing under a law'}`,
    `  date: ${a.letterDate}             # printed on the letter; deadlines count from it`,
    '  language: en',
    `  subject: ${q(`Request for ${c.title.toLowerCase()}`)}`,
    '',
    'requester:',
    `  organisation: ${q(a.organisation)}`,
    `  email: ${q(a.email)}`,
    '  # address: |                  # your postal address, one line each',
    '  signatory:',
    `    name: ${q(a.signatory.name)}`,
    `    title: ${q(a.signatory.title)}`,
    '',
    'recipient:',
    `  institution: ${q(a.institution)}`,
    '  # office: Department of Information Technology   # the office that holds the data',
    '  # person: Ms. Jane Doe                            # the official, if you know the name',
    '',
    `purpose: ${q(a.purpose)}`,
    '',
    'datasets:',
    `  - title: ${q(c.title)}`,
    `    description: ${q(c.description)}`,
    `    category: ${a.category}`,
    `    format: ${a.format}${a.format === 'csv' ? '                # comma, double quotes, UTF-8, header row' : ''}`,
    `    granularity: ${c.granularity}`,
    '    # time_range: { from: 2027-01-01, to: 2027-06-30 }   # the period the data should cover',
    '    fields:                     # the exact columns: add, remove or rename to fit',
    ...fields,
    ...(c.totals ? [`    summary_totals: ${q(c.totals)}`] : []),
    `    needed_by: ${a.neededBy}`,
    ...(a.law ? ['', `law: ${a.law}                       # see \`oedr laws ${a.law}\`: the letter states the statutory response date`] : []),
    '',
  ].join('\n');
}
