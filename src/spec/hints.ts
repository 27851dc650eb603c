// What to write instead: the hints diagnose.ts appends to a message when the mistake is a common
// one (a delimiter named in words, `int` for `integer`, `ke` for `KE`, a comma inside `{ … }`).
import { closest } from './suggest.js';
import { characterNames, suggestEncoding, valueAliases } from './vocab.js';

const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const quoted = (c: string) => (c === '\t' ? '"\\t"' : c === '"' ? `'"'` : `"${c}"`);

/** The allowed value the user probably meant: an encoding's other name, a synonym, a near spelling. */
export function suggestValue(input: string, values: readonly string[]): string | undefined {
  const alias = suggestEncoding(input) ?? valueAliases[key(input)];
  if (alias && values.includes(alias)) return alias;
  return closest(input, values);
}

/** `delimiter: semicolon` -> ` (did you mean ";"? write delimiter: ";")`. */
export function characterHint(field: unknown, input: unknown): string {
  if (typeof field !== 'string' || typeof input !== 'string') return '';
  const c = characterNames[key(input)];
  return c === undefined ? '' : ` (did you mean ${quoted(c)}? write ${field}: ${quoted(c)})`;
}

/** `law: ke` -> ` (did you mean \`KE\`?)`. */
export function countryCodeHint(input: unknown): string {
  return typeof input === 'string' && /^[a-z]{2}$/i.test(input.trim()) ? ` (did you mean \`${input.trim().toUpperCase()}\`?)` : '';
}

/**
 * `{ description: Town, ward or precinct }`: in a flow mapping a comma ends the value, so YAML reads
 * a key `ward or precinct` with no value. When the unknown key has no value and follows a text
 * value, say how the line was read and to quote the value.
 */
/** Each mapping's entries and their positions, made once: a file with thousands of unknown keys asks for every one. */
const indexed = new WeakMap<object, { entries: [string, unknown][]; index: Map<string, number> }>();
function entriesOf(mapping: object) {
  let e = indexed.get(mapping);
  if (!e) {
    const entries = Object.entries(mapping as Record<string, unknown>);
    e = { entries, index: new Map(entries.map(([k], i) => [k, i])) };
    indexed.set(mapping, e);
  }
  return e;
}

export function flowCommaHint(mapping: unknown, unknownKey: string): string {
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) return '';
  const { entries, index } = entriesOf(mapping);
  const i = index.get(unknownKey) ?? -1;
  const before = entries[i - 1];
  if (i < 1 || entries[i]![1] !== null || typeof before?.[1] !== 'string') return '';
  const whole = `${before[1]}, ${unknownKey}`;
  return `; inside \`{ … }\` a comma ends a value, so \`${before[0]}\` was read as ${JSON.stringify(before[1])} and \`${unknownKey}\` as a key: put the value in quotes, ${before[0]}: ${JSON.stringify(whole)}`;
}
