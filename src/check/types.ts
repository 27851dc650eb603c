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
/** YYYY-MM-DD at a in v, a day of the calendar. */
const isoDate = (v: string, a: number) => digits(v, a, a + 4) && v.charCodeAt(a + 4) === 45 && digits(v, a + 5, a + 7) && v.charCodeAt(a + 7) === 45 && digits(v, a + 8, a + 10)
  && validDate(two(v, a) * 100 + two(v, a + 2), two(v, a + 5), two(v, a + 8));

/** A quick test on the value v.slice(a, b), read in place. */
export type QuickTestAt = (v: string, a: number, b: number) => boolean;

/**
 * Character loops for the common shapes of each type, run on every value of files of millions of
 * rows, where a regular expression per value was the main cost. Each says true only where the
 * type test says true; anything else goes to the type test, which is the judge and gives the hint.
 * They read the value where it lies in the text of the file (v.slice(a, b)), so that values that
 * pass need not become strings of their own.
 */
export function quickTestAt(type: string | undefined, decimal: string): QuickTestAt | undefined {
  const sep = decimal.charCodeAt(0);
  switch (type) {
    case 'integer': case 'number':
      return (v, a, n) => {
        let i = a < n && (v.charCodeAt(a) === 43 || v.charCodeAt(a) === 45) ? a + 1 : a;
        const start = i;
        while (i < n && digit(v.charCodeAt(i))) i++;
        if (i === start) return false;
        if (i === n) return true;
        if (type === 'integer' || v.charCodeAt(i) !== sep || i + 1 === n) return false;
        return digits(v, i + 1, n);
      };
    case 'date':
      return (v, a, b) => b - a === 10 && isoDate(v, a);
    case 'datetime':
      // YYYY-MM-DDThh:mm[:ss][Z|+hh:mm|-hh:mm], each character read once.
      return (v, a, n) => {
        if (n - a < 16) return false;
        const y = dv(v, a) * 1000 + dv(v, a + 1) * 100 + dv(v, a + 2) * 10 + dv(v, a + 3);
        const mo = dv(v, a + 5) * 10 + dv(v, a + 6);
        const d = dv(v, a + 8) * 10 + dv(v, a + 9);
        const h = dv(v, a + 11) * 10 + dv(v, a + 12);
        const mi = dv(v, a + 14) * 10 + dv(v, a + 15);
        const t = v.charCodeAt(a + 10);
        if (y < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || v.charCodeAt(a + 4) !== 45 || v.charCodeAt(a + 7) !== 45 || (t !== 84 && t !== 32) || v.charCodeAt(a + 13) !== 58 || !validDate(y, mo, d)) return false;
        let i = a + 16;
        if (i < n && v.charCodeAt(i) === 58) {
          if (i + 3 > n) return false;
          const s = dv(v, i + 1) * 10 + dv(v, i + 2);
          if (s < 0 || s > 59) return false;
          i += 3;
        }
        if (i === n) return true;
        const c = v.charCodeAt(i);
        if (c === 90) return i + 1 === n;
        return (c === 43 || c === 45) && i + 6 === n && digits(v, i + 1, i + 3) && v.charCodeAt(i + 3) === 58 && digits(v, i + 4, i + 6);
      };
    case 'year':
      return (v, a, b) => b - a === 4 && digits(v, a, b);
    default: return undefined;
  }
}

/** quickTestAt on a whole string. */
export function quickTest(type: string | undefined, decimal: string): ((v: string) => boolean) | undefined {
  const q = quickTestAt(type, decimal);
  return q && ((v) => q(v, 0, v.length));
}

export const typeName: Record<string, string> = {
  integer: 'a whole number', number: 'a number', boolean: 'true or false', date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time', year: 'a year', geopoint: 'a latitude and longitude', string: 'text',
};
