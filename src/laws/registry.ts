// The law registry: the built-in laws plus an optional user file whose rows replace the built-in
// rows with the same code (whole rows, so a user row never mixes with stale facts).
// Built-ins load from laws/laws.json, generated from laws/laws.yaml by `npm run holidays` and
// checked by the tests (schema and freshness), so a command pays neither the YAML parser
// (~100 ms) nor zod for them; both load only for a --laws file.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ExitCode, OedrError, fail, type Diagnostic } from '../errors.js';
import type { HolidayTable, Law, LawsFile } from './schema.js';

export const BUILTIN_LAWS = new URL('../../laws/laws.yaml', import.meta.url);
const BUILTIN_JSON = new URL('../../laws/laws.json', import.meta.url);

export interface Registry {
  /** Sorted by code. */
  laws: Law[];
  get(code: string): Law | undefined;
  /** The file a law's row came from (built-in or the user's). */
  origin(code: string): string;
  /** Holiday tables given in the --laws file, by calendar id: they come before the shipped ones. */
  tables: ReadonlyMap<string, HolidayTable>;
}

export async function loadLaws(extraFile?: string): Promise<Registry> {
  const builtinPath = fileURLToPath(BUILTIN_LAWS);
  const byCode = new Map<string, { law: Law; file: string }>();
  const builtin = JSON.parse(await readFile(BUILTIN_JSON, 'utf8')) as { laws: Law[] };
  for (const law of builtin.laws) byCode.set(law.code, { law, file: builtinPath });
  const tables = new Map<string, HolidayTable>();
  if (extraFile !== undefined) {
    const source = await readLawsFile(extraFile);
    const parsed = await parseLawsFile(source, extraFile);
    for (const law of parsed.laws) byCode.set(law.code, { law, file: extraFile });
    for (const table of parsed.holidays ?? []) tables.set(table.calendar, { license: `given in ${extraFile}`, ...table });
  }
  const laws = [...byCode.values()].map((e) => e.law).sort((a, b) => (a.code < b.code ? -1 : 1));
  return {
    laws,
    get: (code) => byCode.get(code.toUpperCase())?.law,
    origin: (code) => byCode.get(code.toUpperCase())?.file ?? builtinPath,
    tables,
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
    const known = registry.laws.map((l) => l.code).join(', ');
    fail(ExitCode.usage, 'unknown-law', `no law for ${JSON.stringify(code)}; known codes: ${known} (add one with --laws FILE)`);
  }
  return law;
}
