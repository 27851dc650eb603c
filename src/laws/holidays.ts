// Loads the shipped holiday tables (laws/holidays/<id>.json, built by scripts/build-holidays.mjs)
// only when a deadline is computed, so listing laws never pays for them. The tables are generated
// and checked by the tests against the schema, so only their identity is checked here.
import { readFile } from 'node:fs/promises';
import { ExitCode, fail } from '../errors.js';
import type { HolidayTable } from './schema.js';

/** src/laws and dist/laws are both two levels below the package root. */
export const HOLIDAYS_DIR = new URL('../../laws/holidays/', import.meta.url);

/** Each table is read once per process: a batch of 1,000 specs naming one law reads it once. */
const loaded = new Map<string, Promise<HolidayTable>>();

export async function loadHolidayTables(ids: readonly string[], dir: URL = HOLIDAYS_DIR): Promise<HolidayTable[]> {
  return Promise.all(ids.map((id) => {
    const url = new URL(`${id}.json`, dir);
    let table = loaded.get(url.href);
    if (!table) {
      table = loadTable(url, id);
      loaded.set(url.href, table);
      table.catch(() => loaded.delete(url.href));
    }
    return table;
  }));
}

async function loadTable(url: URL, id: string): Promise<HolidayTable> {
  let table: Partial<HolidayTable>;
  try {
    table = JSON.parse(await readFile(url, 'utf8')) as Partial<HolidayTable>;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return fail(ExitCode.internal, missing ? 'holiday-table-missing' : 'holiday-table-invalid',
      `the holiday table ${id} is ${missing ? 'missing from this installation' : 'damaged'} (${url.pathname}); run \`npm run holidays\``);
  }
  if (table.calendar !== id || !table.coverage || !Array.isArray(table.holidays)) {
    return fail(ExitCode.internal, 'holiday-table-invalid', `the holiday table ${url.pathname} is damaged; run \`npm run holidays\``);
  }
  return table as HolidayTable;
}
