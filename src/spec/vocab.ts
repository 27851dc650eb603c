// The closed vocabularies of the spec: ids a spec may use. Words for letters live in
// templates/<lang>/words.yaml, so that a new language needs no code.

export const letterKinds = ['data-request', 'foi-request', 'follow-up', 'appeal'] as const;
/** Kinds that refer to a request already sent (earlier_request). */
export const laterKinds: readonly string[] = ['follow-up', 'appeal'];
export const responses = ['none', 'refused', 'partial', 'incomplete-data'] as const;
/** What a refusal relied on; each gets its own answer in an appeal's grounds. */
export const refusalGrounds = ['personal-data', 'not-held', 'cost', 'future-publication', 'security', 'other'] as const;

export const categories = [
  'legal-framework',
  'electoral-boundaries',
  'emb-administration',
  'emb-processes',
  'election-security',
  'party-registration',
  'ballot-qualification',
  'election-campaigns',
  'campaign-finance',
  'voter-registration',
  'voter-lists',
  'voter-education',
  'polling-stations',
  'election-results',
  'electronic-voting',
  'electoral-disputes',
] as const;

export const formats = ['csv', 'tsv', 'json', 'xml', 'xlsx', 'ods', 'geojson', 'shapefile', 'other'] as const;
export type Format = (typeof formats)[number];
/** Formats that are delimited text, where delimiter, qualifier and header row apply. */
export const delimitedFormats: readonly Format[] = ['csv', 'tsv'];
/** Formats stored as text, where a character encoding applies. */
export const textFormats: readonly Format[] = ['csv', 'tsv', 'json', 'xml', 'geojson'];

export const granularities = [
  'national',
  'region',
  'district',
  'constituency',
  'municipality',
  'ward',
  'polling-centre',
  'polling-station',
  'stream',
  'individual-record',
] as const;

export const priorities = ['must-have', 'needed-first', 'long-lead-time', 'versatile'] as const;

export const fieldTypes = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'year', 'geopoint'] as const;

export const levels = ['national', 'regional', 'local'] as const;

export const deliveryChannels = ['email', 'download-link', 'portal', 'physical-media'] as const;

/** Encodings by the names people meet in spreadsheet "Save as" dialogs and on Wikipedia. */
export const encodings = [
  'UTF-8',
  'UTF-16LE',
  'UTF-16BE',
  'ASCII',
  'ISO-8859-1',
  'ISO-8859-2',
  'ISO-8859-5',
  'ISO-8859-6',
  'ISO-8859-7',
  'ISO-8859-9',
  'ISO-8859-15',
  'Windows-1250',
  'Windows-1251',
  'Windows-1252',
  'Windows-1253',
  'Windows-1254',
  'Windows-1256',
  'KOI8-R',
  'KOI8-U',
  'Shift_JIS',
  'EUC-JP',
  'EUC-KR',
  'GB18030',
  'Big5',
  'TIS-620',
] as const;

/** Other names users write for an encoding, normalised by `encodingKey`. */
const encodingAliases: Record<string, (typeof encodings)[number]> = {
  utf8: 'UTF-8',
  unicode: 'UTF-8',
  latin1: 'ISO-8859-1',
  latin2: 'ISO-8859-2',
  latin9: 'ISO-8859-15',
  cp1250: 'Windows-1250',
  cp1251: 'Windows-1251',
  cp1252: 'Windows-1252',
  ansi: 'Windows-1252',
  usascii: 'ASCII',
  sjis: 'Shift_JIS',
};

const encodingKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The canonical name for what the user probably meant, or undefined. */
export function suggestEncoding(input: string): string | undefined {
  const key = encodingKey(input);
  return encodings.find((e) => encodingKey(e) === key) ?? encodingAliases[key];
}

/**
 * Words people write for a field type or a level of detail, from other tools (SQL, pandas) and
 * other countries' usage (a US precinct is what the guide calls a polling station): suggested, so
 * that the spec keeps one word for each.
 */
export const valueAliases: Record<string, string> = {
  int: 'integer', int32: 'integer', int64: 'integer', long: 'integer', bigint: 'integer', whole: 'integer', count: 'integer',
  float: 'number', double: 'number', decimal: 'number', numeric: 'number', real: 'number',
  bool: 'boolean', str: 'string', text: 'string', varchar: 'string', char: 'string',
  timestamp: 'datetime', time: 'datetime', latlong: 'geopoint', latlon: 'geopoint', point: 'geopoint', coordinates: 'geopoint',
  precinct: 'polling-station', pollingbooth: 'polling-station', booth: 'polling-station', pollingunit: 'polling-station',
  pollingplace: 'polling-centre', pollingcenter: 'polling-centre', pollinglocation: 'polling-centre', votingcentre: 'polling-centre', votingcenter: 'polling-centre',
  country: 'national', nationwide: 'national', state: 'region', province: 'region', county: 'region',
  subcounty: 'district', riding: 'constituency', electoraldistrict: 'constituency', division: 'constituency',
  city: 'municipality', town: 'municipality', commune: 'municipality', council: 'municipality',
  ballotbox: 'stream', voter: 'individual-record', record: 'individual-record', person: 'individual-record',
};

/** Characters by the names people give them, for a delimiter or text qualifier written as a word. */
export const characterNames: Record<string, string> = {
  comma: ',', semicolon: ';', colon: ':', tab: '\t', pipe: '|', verticalbar: '|', bar: '|',
  space: ' ', period: '.', dot: '.', fullstop: '.', quote: '"', doublequote: '"', quotationmark: '"',
  singlequote: "'", apostrophe: "'",
};
