// Loads the shipped holiday tables (laws/holidays/<id>.json, built by scripts/build-holidays.mjs)
// only when a deadline is computed, so listing laws never pays for them. The tables are generated
// and checked by the tests against the schema, so only their identity is checked here.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ExitCode, fail } from '../errors.js';
import type { HolidayTable } from './schema.js';

/** src/laws and dist/laws are both two levels below the package root. */
export const HOLIDAYS_DIR = new URL('../../laws/holidays/', import.meta.url);

/** Each table is read once per process: a batch of 1,000 specs naming one law reads it once. */
const loaded = new Map<string, Promise<HolidayTable>>();

/**
 * One table per id: the one given in the --laws file (`given`), else the shipped one. A calendar
 * with neither is the user's to supply: exit 1 with how, not a bug of oedr.
 */
export async function loadHolidayTables(ids: readonly string[], given?: ReadonlyMap<string, HolidayTable>, dir: URL = HOLIDAYS_DIR): Promise<HolidayTable[]> {
  return Promise.all(ids.map((id) => {
    const mine = given?.get(id);
    if (mine) return mine;
    const url = new URL(`${id}.json`, dir);
    let table = loaded.get(url.href);
    if (!table) {
      table = loadTable(url, id, dir);
      loaded.set(url.href, table);
      table.catch(() => loaded.delete(url.href));
    }
    return table;
  }));
}

async function loadTable(url: URL, id: string, dir: URL): Promise<HolidayTable> {
  let table: Partial<HolidayTable>;
  try {
    table = JSON.parse(await readFile(url, 'utf8')) as Partial<HolidayTable>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return fail(ExitCode.invalid, 'holiday-table-missing', `oedr has no holiday table for the calendar ${id} (it ships ${shipped(dir).join(', ')}); `
        + 'give its public holidays in your --laws file, under `holidays:` (calendar, source, coverage and the dates; see `oedr laws --help`), '
        + 'or set the law\'s `holidays: { calendars: [] }` to say that no date can be computed');
    }
    return fail(ExitCode.internal, 'holiday-table-invalid', `the holiday table ${id} is damaged (${url.pathname}); run \`npm run holidays\``);
  }
  if (table.calendar !== id || !table.coverage || !Array.isArray(table.holidays)) {
    return fail(ExitCode.internal, 'holiday-table-invalid', `the holiday table ${url.pathname} is damaged; run \`npm run holidays\``);
  }
  return table as HolidayTable;
}

const shipped = (dir: URL) => readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
