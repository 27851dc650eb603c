// The law registry: the built-in laws plus an optional user file whose rows replace the built-in
// rows with the same code (whole rows, so a user row never mixes with stale facts).
// Built-ins load from laws/registry/ (an index of the codes and one JSON file a law), generated
// from laws/laws.yaml by `npm run holidays` and checked by the tests (schema and freshness), so a
// command pays neither the YAML parser (~100 ms) nor zod for them (both load only for a --laws
// file), and one that needs one law (validate, draft) parses that row only, not all 140 KB.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ExitCode, OedrError, fail, type Diagnostic } from '../errors.js';
import type { HolidayTable, Law, LawsFile } from './schema.js';

export const BUILTIN_LAWS = new URL('../../laws/laws.yaml', import.meta.url);
const BUILTIN_ROWS = new URL('../../laws/registry/', import.meta.url);

export interface Registry {
  /** Every law's code, sorted: what a message listing them needs, without reading the rows. */
  codes: string[];
  /** Every row, sorted by code (reads all the built-in rows). */
  readonly laws: Law[];
  get(code: string): Law | undefined;
  /** The file a law's row came from (built-in or the user's). */
  origin(code: string): string;
  /** Holiday tables given in the --laws file, by calendar id: they come before the shipped ones. */
  tables: ReadonlyMap<string, HolidayTable>;
}

export async function loadLaws(extraFile?: string): Promise<Registry> {
  const builtinPath = fileURLToPath(BUILTIN_LAWS);
  const index = JSON.parse(await readFile(new URL('index.json', BUILTIN_ROWS), 'utf8')) as { codes: string[] };
  const user = new Map<string, Law>();
  const tables = new Map<string, HolidayTable>();
  if (extraFile !== undefined) {
    const source = await readLawsFile(extraFile);
    const parsed = await parseLawsFile(source, extraFile);
    for (const law of parsed.laws) user.set(law.code, law);
    for (const table of parsed.holidays ?? []) tables.set(table.calendar, { license: `given in ${extraFile}`, ...table });
  }
  const builtin = builtinRows(new Set(index.codes));
  const codes = [...new Set([...index.codes, ...user.keys()])].sort();
  const get = (code: string) => user.get(code.toUpperCase()) ?? builtin(code.toUpperCase());
  return {
    codes,
    get laws() { return codes.map((c) => get(c)!); },
    get,
    origin: (code) => (user.has(code.toUpperCase()) ? extraFile! : builtinPath),
    tables,
  };
}

/** A built-in row by code, read when first asked for (a few KB, synchronously) and kept. */
function builtinRows(codes: ReadonlySet<string>): (code: string) => Law | undefined {
  const rows = new Map<string, Law>();
  return (code) => {
    // Only codes of the index name a file: never a path made of what the user typed.
    if (!codes.has(code)) return undefined;
    let law = rows.get(code);
    if (!law) rows.set(code, (law = JSON.parse(readFileSync(new URL(`${code}.json`, BUILTIN_ROWS), 'utf8')) as Law));
    return law;
  };
}

/** YAML text -> laws, or an OedrError listing every problem at file:line:col with its path. */
export async function parseLaws(source: string, file: string): Promise<Law[]> {
  return (await parseLawsFile(source, file)).laws;
}

/** The same, with the holiday tables the file gives. */
async function parseLawsFile(source: string, file: string): Promise<LawsFile> {
  const [{ parseYaml }, { LawsFile, keysAt }, { lawIssues }] = await Promise.all([
    import('../spec/yaml.js'), import('./schema.js'), import('./diagnose.js')]);
  const yaml = parseYaml(source, file);
  if (yaml.diagnostics.length) throw new OedrError(ExitCode.invalid, yaml.diagnostics.map(forLawsFile));
  const result = LawsFile.safeParse(yaml.data, { reportInput: true });
  if (!result.success) throw new OedrError(ExitCode.invalid, lawIssues(result.error.issues, keysAt, yaml, file));
  return result.data;
}

async function readLawsFile(file: string): Promise<string> {
  const { readSpecFile } = await import('../spec/read.js');
  try {
    return await readSpecFile(file);
  } catch (e) {
    if (e instanceof OedrError) throw new OedrError(e.code, e.diagnostics.map(forLawsFile));
    throw e;
  }
}

/** The shared readers' hints talk about request specs; a laws file needs its own. */
function forLawsFile(d: Diagnostic): Diagnostic {
  if (d.rule === 'empty-spec' || d.rule === 'file-empty') {
    return { ...d, message: 'the laws file is empty; it needs a `laws:` list (see `oedr laws KE --json` for one row)' };
  }
  return d;
}

export function requireLaw(registry: Registry, code: string): Law {
  const law = registry.get(code);
  if (!law) {
    const known = registry.codes.join(', ');
    fail(ExitCode.usage, 'unknown-law', `no law for ${JSON.stringify(code)}; known codes: ${known} (add one with --laws FILE)`);
  }
  return law;
}
