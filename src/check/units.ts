// Which requested fields name one unit of the requested granularity (a polling station, a ward…),
// so that `check` can count the distinct units delivered: the spec's `unit_fields` when it gives
// them, else the one field whose name says the unit, with the report saying so.
import type { DatasetSpec } from '../spec/schema.js';
import { normaliseName } from './fields.js';
import { andList } from './model.js';

export interface UnitKey {
  /** Indexes into the dataset's fields; together they name one unit. */
  fields: number[];
  /** The unit's word, plural: "polling stations". */
  unit: string;
  /** When the field was guessed from its name: how it was chosen, and how to say otherwise. */
  guess?: string;
}

/** For each granularity, the words of a field naming its unit, and the unit in the plural. */
const unitWords: Record<string, [string[], string]> = {
  'polling-station': [['polling_station', 'station', 'precinct'], 'polling stations'],
  'polling-centre': [['polling_centre', 'polling_center', 'centre', 'center'], 'polling centres'],
  stream: [['stream'], 'streams'],
  ward: [['ward'], 'wards'],
  municipality: [['municipality', 'town', 'commune'], 'municipalities'],
  constituency: [['constituency'], 'constituencies'],
  district: [['district', 'county'], 'districts'],
  region: [['region', 'province', 'state'], 'regions'],
};
const order = Object.keys(unitWords);

const names = (d: DatasetSpec) => d.fields.map((f) => normaliseName(f.name));
const says = (words: string[], n: string) => words.some((w) => n.includes(w));

/** The fields naming the unit of the requested granularity, or undefined when there is none to count. */
export function keyField(d: DatasetSpec): UnitKey | undefined {
  const words = d.granularity && unitWords[d.granularity];
  if (!words) return undefined;
  if (d.unit_fields) {
    const fields = d.unit_fields.map((n) => d.fields.findIndex((f) => f.name === n));
    return fields.every((f) => f >= 0) ? { fields, unit: words[1] } : undefined;
  }
  const hits = names(d).map((n, i) => ({ n, i })).filter(({ n }) => says(words[0], n));
  const best = hits.find(({ n }) => /(^|_)(code|id|number|no)$/.test(n)) ?? hits[0];
  if (!best) return undefined;
  const name = d.fields[best.i]!.name;
  // A code is taken to be unique; a name ("Ward 1", "Alton") often only within a wider unit.
  if (/(^|_)(code|id|number|no)$/.test(best.n)) return { fields: [best.i], unit: words[1] };
  const wider = order.slice(order.indexOf(d.granularity!) + 1).flatMap((g) => unitWords[g]![0]);
  const within = d.fields.filter((f, i) => i !== best.i && says(wider, normaliseName(f.name))).map((f) => f.name);
  const one = words[1].replace(/s$/, '').replace(/ie$/, 'y');
  return {
    fields: [best.i], unit: words[1],
    guess: `counted by ${name} alone; if a ${name} is unique only within ${within.length ? `its ${andList(within, ', ')}` : 'a wider unit'}, list the fields that together name one ${one} as unit_fields${within.length ? `, e.g. unit_fields: [${[...within, name].join(', ')}]` : ''}`,
  };
}
