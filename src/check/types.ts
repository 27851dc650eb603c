// Whether a value is of a requested field type, and when not, a hint an official can act on
// ("uses a comma as decimal separator", "looks like a day/month/year date").

export type TypeTest = (v: string) => true | string;

const validDate = (y: number, m: number, d: number) => {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
};

const INTEGER = /^[+-]?\d+$/;
const THOUSANDS = /^\d{1,3}([,. '\u00a0\u202f]\d{3})+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function date(v: string): true | string {
  const m = ISO_DATE.exec(v);
  if (m && validDate(+m[1]!, +m[2]!, +m[3]!)) return true;
  if (m) return 'not a day of the calendar';
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(v)) return 'write dates as YYYY-MM-DD';
  return 'expected a date written YYYY-MM-DD';
}

function datetime(v: string): true | string {
  const m = ISO_DATETIME.exec(v);
  if (m && validDate(+m[1]!, +m[2]!, +m[3]!)) return true;
  if (ISO_DATE.test(v)) return 'a date without a time';
  return 'expected a date and time written YYYY-MM-DDThh:mm:ss';
}

function geopoint(v: string): true | string {
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*[, ]\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(v);
  if (!m) return 'expected a latitude and longitude, such as -1.2921, 36.8219';
  return Math.abs(+m[1]!) <= 90 && Math.abs(+m[2]!) <= 180 ? true : 'latitude or longitude out of range';
}

/** The test for a field type, with the requested decimal separator; undefined for text (anything goes). */
export function typeTest(type: string | undefined, decimal: string): TypeTest | undefined {
  const other = decimal === '.' ? ',' : '.';
  const num = new RegExp(`^[+-]?(\\d+(\\${decimal}\\d+)?|\\${decimal}\\d+)([eE][+-]?\\d+)?$`);
  const numOther = new RegExp(`^[+-]?\\d+\\${other}\\d+$`);
  switch (type) {
    case 'integer':
      return (v) => INTEGER.test(v) ? true
        : THOUSANDS.test(v) ? 'a thousands separator; write whole numbers with digits only'
          : 'expected a whole number';
    case 'number':
      return (v) => num.test(v) ? true
        : numOther.test(v) ? `"${other}" as decimal separator; "${decimal}" was requested`
          : /^\d{1,3}([,. '\u00a0\u202f]\d{3})+([.,]\d+)?$/.test(v) ? 'a thousands separator; write numbers with digits and the decimal separator only'
            : 'expected a number';
    case 'boolean':
      return (v) => /^(true|false|yes|no|y|n|t|f|1|0)$/i.test(v) ? true : 'expected true or false';
    case 'date': return date;
    case 'datetime': return datetime;
    case 'year':
      return (v) => /^\d{4}$/.test(v) ? true : 'expected a year of four digits';
    case 'geopoint': return geopoint;
    default: return undefined;
  }
}

const digit = (c: number) => c >= 48 && c <= 57;
const digits = (v: string, from: number, to: number) => {
  for (let i = from; i < to; i++) if (!digit(v.charCodeAt(i))) return false;
  return true;
};
/** The digit at i, or a number so negative that any sum holding it stays below 0. */
const dv = (v: string, i: number) => {
  const c = v.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1e6;
};
const two = (v: string, i: number) => (v.charCodeAt(i) - 48) * 10 + v.charCodeAt(i + 1) - 48;
/** YYYY-MM-DD at the start of v, a day of the calendar. */
const isoDate = (v: string) => v.length >= 10 && digits(v, 0, 4) && v.charCodeAt(4) === 45 && digits(v, 5, 7) && v.charCodeAt(7) === 45 && digits(v, 8, 10)
  && validDate(two(v, 0) * 100 + two(v, 2), two(v, 5), two(v, 8));

/**
 * Character loops for the common shapes of each type, run on every value of files of millions of
 * rows, where a regular expression per value was the main cost. Each says true only where the
 * type test says true; anything else goes to the type test, which is the judge and gives the hint.
 */
export function quickTest(type: string | undefined, decimal: string): ((v: string) => boolean) | undefined {
  const sep = decimal.charCodeAt(0);
  switch (type) {
    case 'integer': case 'number':
      return (v) => {
        const n = v.length;
        let i = n > 0 && (v.charCodeAt(0) === 43 || v.charCodeAt(0) === 45) ? 1 : 0;
        const start = i;
        while (i < n && digit(v.charCodeAt(i))) i++;
        if (i === start) return false;
        if (i === n) return true;
        if (type === 'integer' || v.charCodeAt(i) !== sep || i + 1 === n) return false;
        return digits(v, i + 1, n);
      };
    case 'date':
      return (v) => v.length === 10 && isoDate(v);
    case 'datetime':
      // YYYY-MM-DDThh:mm[:ss][Z|+hh:mm|-hh:mm], each character read once.
      return (v) => {
        const n = v.length;
        if (n < 16) return false;
        const y = dv(v, 0) * 1000 + dv(v, 1) * 100 + dv(v, 2) * 10 + dv(v, 3);
        const mo = dv(v, 5) * 10 + dv(v, 6);
        const d = dv(v, 8) * 10 + dv(v, 9);
        const h = dv(v, 11) * 10 + dv(v, 12);
        const mi = dv(v, 14) * 10 + dv(v, 15);
        const t = v.charCodeAt(10);
        if (y < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || (t !== 84 && t !== 32) || v.charCodeAt(13) !== 58 || !validDate(y, mo, d)) return false;
        let i = 16;
        if (i < n && v.charCodeAt(i) === 58) {
          const s = dv(v, 17) * 10 + dv(v, 18);
          if (s < 0 || s > 59) return false;
          i += 3;
        }
        if (i === n) return true;
        const c = v.charCodeAt(i);
        if (c === 90) return i + 1 === n;
        return (c === 43 || c === 45) && i + 6 === n && digits(v, i + 1, i + 3) && v.charCodeAt(i + 3) === 58 && digits(v, i + 4, i + 6);
      };
    case 'year':
      return (v) => v.length === 4 && digits(v, 0, 4);
    default: return undefined;
  }
}

export const typeName: Record<string, string> = {
  integer: 'a whole number', number: 'a number', boolean: 'true or false', date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time', year: 'a year', geopoint: 'a latitude and longitude', string: 'text',
};
