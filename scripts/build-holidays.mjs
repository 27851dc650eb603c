#!/usr/bin/env node
// Writes laws/holidays/<calendar>.json for every calendar id named in laws/laws.yaml, from the
// date-holidays devDependency, so that oedr ships small tables instead of a 45 MB dependency; and
// laws/registry/, the registry as JSON (parsing the YAML costs ~100 ms per command): index.json with
// every code, and <CODE>.json a law, so a command that needs one law reads that row only.
// Run with `npm run holidays` after editing laws.yaml, upgrading date-holidays or adding a
// calendar. Imported by the test suite to check that the committed files are current.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export const FROM_YEAR = 2020;
export const TO_YEAR = 2035;
/** `optional` and `observance` days are normally working days; `bank` is kept, laws choose. */
const TYPES = new Set(['public', 'bank']);
const root = new URL('../', import.meta.url);

/** laws/laws.yaml as data (the source of truth; laws/registry/ is derived from it). */
export function registryData() {
  return parse(readFileSync(new URL('laws/laws.yaml', root), 'utf8'));
}

/** Calendar ids referenced by the built-in registry, sorted. */
export function registryCalendars() {
  return [...new Set(registryData().laws.flatMap((l) => l.holidays.calendars))].sort();
}

/** laws/registry/'s files, name -> text: the index of codes (sorted) and one row a law. */
export function registryFiles(data) {
  const json = (value) => JSON.stringify(value, null, 1) + '\n';
  const codes = data.laws.map((l) => l.code).sort();
  return new Map([['index.json', json({ codes })], ...data.laws.map((l) => [`${l.code}.json`, json(l)])]);
}

/** laws/holidays/overrides.yaml: corrections to date-holidays, by calendar id (see its header). */
export function overrides() {
  return parse(readFileSync(new URL('laws/holidays/overrides.yaml', root), 'utf8')) ?? {};
}

/** One table; `Holidays` is the date-holidays constructor, passed in so callers control loading. */
export function buildTable(id, Holidays, version, fixes = overrides()[id]) {
  const [country, state] = id.split('-');
  const hd = state ? new Holidays(country, state) : new Holidays(country);
  if (!hd.getCountries()[country] || (state && !hd.getStates(country)?.[state])) {
    throw new Error(`date-holidays has no calendar ${id}`);
  }
  const rows = [];
  for (let year = FROM_YEAR; year <= TO_YEAR; year++) {
    for (const h of hd.getHolidays(year, 'en')) {
      if (!TYPES.has(h.type)) continue;
      // h.date is "YYYY-MM-DD hh:mm:ss[ -0600]" in the country's own time; the first ten
      // characters are the civil date (Islamic days "start" at 18:00 the evening before).
      // Multi-day holidays (Eid over three days in BD and PK) are one entry with a span.
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let i = 0; i < days; i++) {
        const date = addDays(h.date.slice(0, 10), i);
        const name = days > 1 ? `${h.name} (day ${i + 1} of ${days})` : h.name;
        rows.push({ date, name, type: h.type, ...(h.substitute ? { substitute: true } : {}) });
      }
    }
  }
  const fixed = applyOverrides(rows, fixes);
  fixed.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const unique = fixed.filter((r, i) => i === 0 || r.date !== fixed[i - 1].date || r.name !== fixed[i - 1].name);
  return {
    calendar: id,
    source: `date-holidays ${version}`,
    license: 'CC BY-SA 3.0 (holiday data of date-holidays; see README.md)',
    coverage: { from: `${FROM_YEAR}-01-01`, to: `${TO_YEAR}-12-31` },
    holidays: unique,
  };
}

/** One holiday per line keeps diffs between library versions readable. */
export function serialize(table) {
  const { holidays, ...head } = table;
  const lines = holidays.map((h) => '    ' + JSON.stringify(h));
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headJson},\n  "holidays": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** Fixed-day corrections, then English names (the original kept as `native`). */
function applyOverrides(rows, fixes) {
  if (!fixes) return rows;
  let out = rows;
  for (const fix of fixes.holidays ?? []) {
    const from = fix.from ?? '0000-01-01';
    const ours = (r) => r.name === fix.holiday || r.name === `${fix.holiday} (substitute day)`;
    out = out.filter((r) => !(ours(r) && r.date >= from));
    for (let year = FROM_YEAR; year <= TO_YEAR; year++) {
      const date = `${year}-${fix.date}`;
      if (date < from) continue;
      const name = fix.name ?? fix.holiday;
      const native = fix.native ? { native: fix.native } : {};
      out.push({ date, name, ...native, type: 'public' });
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (fix.substitute && (wd === 0 || wd === 6)) {
        out.push({ date: addDays(date, wd === 6 ? 2 : 1), name: `${name} (substitute day)`, type: 'public', substitute: true });
      }
    }
  }
  const names = fixes.names ?? {};
  return out.map((r) => (names[r.name] ? { date: r.date, name: names[r.name], native: r.name, type: r.type, ...(r.substitute ? { substitute: true } : {}) } : r));
}

function addDays(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

async function main() {
  const { default: Holidays } = await import('date-holidays');
  const version = JSON.parse(readFileSync(new URL('node_modules/date-holidays/package.json', root), 'utf8')).version;
  const rows = new URL('laws/registry/', root);
  mkdirSync(rows, { recursive: true });
  const files = registryFiles(registryData());
  // A law taken out of laws.yaml must not stay loadable.
  for (const f of readdirSync(rows)) if (!files.has(f)) rmSync(new URL(f, rows));
  for (const [name, text] of files) writeFileSync(new URL(name, rows), text);
  console.log(`laws/registry/: ${files.size - 1} laws and index.json written`);
  const dir = new URL('laws/holidays/', root);
  mkdirSync(dir, { recursive: true });
  for (const id of registryCalendars()) {
    const table = buildTable(id, Holidays, version);
    writeFileSync(new URL(`${id}.json`, dir), serialize(table));
    console.log(`${id}: ${table.holidays.length} days, ${table.coverage.from} to ${table.coverage.to}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
