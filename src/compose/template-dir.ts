// Where the built-in letter templates are, and the languages they cover (a folder each). Apart from
// templates.ts so that choosing a letter's language (validate, for a spec with a law) does not load
// Handlebars and marked: ~14 ms of a cold `oedr validate`.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BUILTIN_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

let languages: readonly string[] | undefined;

/** The folders of templates/, sorted (never the file system's order), read once per thread: a batch asks per spec. */
export function builtinLanguages(): string[] {
  languages ??= readdirSync(BUILTIN_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return [...languages];
}
