// `oedr templates`: the templates and partials in use (built-in or overridden) and the variables.
import { relative } from 'node:path';
import { visible } from '../characters.js';
import { BUILTIN_DIR, loadTemplates } from '../compose/templates.js';
import { contextVariables } from '../compose/variables.js';
import type { Io } from './io.js';

export async function templates(opts: { language: string; templateDir?: string }, io: Io): Promise<number> {
  const set = loadTemplates(opts.language, opts.templateDir);
  const c = io.color;
  const where = (file: string) => (file.startsWith(BUILTIN_DIR) ? 'built-in' : relative(process.cwd(), file));
  io.out(c.bold(`Templates for language ${set.language}`) + ' (override any by name with --template-dir DIR: DIR/NAME.md.hbs, DIR/partials/NAME.md.hbs, DIR/words.yaml)');
  for (const partial of [false, true]) {
    io.out(`\n${partial ? 'Partials ({{> name}})' : 'Letters (one per letter kind, plus annex)'}:`);
    for (const t of set.files.filter((f) => f.partial === partial)) io.out(`  ${visible(t.name).padEnd(16)} ${c.dim(visible(where(t.file)))}`);
  }
  io.out('\nVariables ({{name}} escapes the value as text; [] marks a list to use with {{#each}}):');
  const width = Math.max(...Object.keys(contextVariables).map((k) => k.length));
  for (const [name, what] of Object.entries(contextVariables)) io.out(`  ${name.padEnd(width)}  ${c.dim(what)}`);
  io.out('\nHelpers: {{join list}} writes "a, b and c"; {{sentence value}} adds a full stop unless the value ends with one; {{inflect value "genitive"}} puts it in that case by words.yaml `inflection` (Georgian).');
  return 0;
}
