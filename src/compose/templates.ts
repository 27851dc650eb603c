// Finding, compiling and running the letter templates: templates/<lang>/*.md.hbs with partials/,
// overridable by name from --template-dir. One isolated Handlebars environment per template set.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { parse as parseYamlText } from 'yaml';
import { ExitCode, OedrError, fail } from '../errors.js';
import { escapeMarkdown } from './markdown.js';

export const BUILTIN_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
const EXT = '.md.hbs';

/** Helpers templates may use; anything else is a compile error (knownHelpersOnly). */
const helpers: Record<string, Handlebars.HelperDelegate> = {
  /** `{{join list}}`: "a, b and c" in the letter's language. */
  join(this: unknown, list: unknown, options: Handlebars.HelperOptions) {
    // Returned as plain text: Handlebars escapes helper output in {{ }} like any value.
    const items = Array.isArray(list) ? list.map(String) : [];
    const and = String((options.data?.root as { words?: { and?: string } })?.words?.and ?? 'and');
    return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
  },
  /** `{{sentence value}}`: the value as written, with a full stop added only if it has no closing punctuation. */
  sentence(this: unknown, value: unknown) {
    const text = value === null || value === undefined ? '' : String(value).trim();
    return text === '' || /[.!?…)"'»”]$/.test(text) ? text : `${text}.`;
  },
};
const compileOptions: CompileOptions = {
  strict: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(Object.keys(helpers).map((h) => [h, true])),
  preventIndent: true, noEscape: false,
};

export interface TemplateFile { name: string; file: string; source: string; partial: boolean }

export interface TemplateSet {
  language: string;
  words: Record<string, unknown>;
  files: TemplateFile[];
  render(name: string, context: object): string;
}

const cache = new Map<string, TemplateSet>();

/** The template folder for a language: `pt-BR`, then `pt`; error when none exists. */
export function resolveLanguage(language: string, dirs: string[]): string {
  const candidates = [language, language.split('-')[0]!];
  for (const c of candidates) if (dirs.some((d) => existsSync(join(d, c)))) return c;
  const available = readdirSync(BUILTIN_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  return fail(ExitCode.render, 'no-templates', `no letter templates for language "${language}" (available: ${available.join(', ')}); add a folder templates/${language}/ or use --template-dir`);
}

export function loadTemplates(language: string, overrideDir?: string): TemplateSet {
  const key = `${language}\0${overrideDir ?? ''}`;
  let set = cache.get(key);
  if (!set) cache.set(key, (set = buildSet(language, overrideDir)));
  return set;
}

function buildSet(language: string, overrideDir?: string): TemplateSet {
  const builtin = BUILTIN_DIR;
  const lang = resolveLanguage(language, overrideDir ? [builtin, overrideDir] : [builtin]);
  // Later folders win: built-in, then --template-dir, then --template-dir/<lang>.
  const layers = [join(builtin, lang), ...(overrideDir ? [overrideDir, join(overrideDir, lang)] : [])];
  const byName = new Map<string, TemplateFile>();
  let words: Record<string, unknown> = {};
  for (const dir of layers) {
    for (const [sub, partial] of [['', false], ['partials', true]] as const) {
      const d = join(dir, sub);
      if (!existsSync(d)) continue;
      for (const f of readdirSync(d).filter((n) => n.endsWith(EXT)).sort()) {
        const name = f.slice(0, -EXT.length);
        const file = join(d, f);
        byName.set(`${partial ? 'partial' : 'template'}:${name}`, { name, file, source: readFileSync(file, 'utf8'), partial });
      }
    }
    const wordsFile = join(dir, 'words.yaml');
    if (existsSync(wordsFile)) words = mergeWords(words, parseYamlText(readFileSync(wordsFile, 'utf8')));
  }
  const files = [...byName.values()];
  const env = Handlebars.create();
  // Values from the spec are data: escape them for Markdown, not HTML. Handlebars reads
  // escapeExpression at render time from its Utils, shared by every environment.
  Handlebars.Utils.escapeExpression = escapeMarkdown as typeof Handlebars.Utils.escapeExpression;
  env.Utils.escapeExpression = escapeMarkdown as typeof Handlebars.Utils.escapeExpression;
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const t of files) {
    const fn = located(t, compileChecked(env, t));
    if (t.partial) env.registerPartial(t.name, fn as unknown as Handlebars.Template);
    else compiled.set(t.name, fn);
  }
  return {
    language: lang,
    words,
    files,
    render(name, context) {
      const fn = compiled.get(name);
      if (!fn) fail(ExitCode.render, 'no-template', `no template named "${name}" for language ${lang}`);
      try {
        return fn(context);
      } catch (e) {
        throw templateError(e);
      }
    },
  };
}

/** An override's words.yaml replaces single words, not whole groups: `phrases: {closing: …}` keeps the other phrases. */
function mergeWords(base: Record<string, unknown>, over: unknown): Record<string, unknown> {
  if (!over || typeof over !== 'object' || Array.isArray(over)) return base;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' ? mergeWords(b as Record<string, unknown>, v) : v;
  }
  return out;
}

/** Compile eagerly (Handlebars compiles lazily) so syntax errors surface with their place. */
function compileChecked(env: typeof Handlebars, t: TemplateFile): HandlebarsTemplateDelegate {
  try {
    env.precompile(t.source, compileOptions);
    return env.compile(t.source, compileOptions);
  } catch (e) {
    (e as { templateFile?: string }).templateFile = t.file;
    throw templateError(e);
  }
}

/** Wraps a template so an error inside it remembers which file it came from (innermost wins). */
function located(t: TemplateFile, fn: HandlebarsTemplateDelegate): HandlebarsTemplateDelegate {
  return (ctx, opts) => {
    try {
      return fn(ctx, opts);
    } catch (e) {
      if (e && typeof e === 'object' && !('templateFile' in e)) (e as { templateFile?: string }).templateFile = t.file;
      throw e;
    }
  };
}

function templateError(e: unknown): OedrError {
  if (e instanceof OedrError) return e;
  const err = e as { message?: string; lineNumber?: number; column?: number; templateFile?: string };
  let message = String(err.message ?? e).replace(/ - \d+:\d+$/, '');
  let line = err.lineNumber;
  let col = err.column !== undefined ? err.column + 1 : undefined;
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (parse) {
    line = Number(parse[1]);
    message = 'template syntax error: ' + message.split('\n').slice(1).join(' ').replace(/-+\^/, '').replace(/\s+/g, ' ').trim();
  }
  message = message.replace(/^"([^"]+)" not defined in .*$/, 'the template uses `$1`, which the letter context does not have (see `oedr templates`)');
  if (/Cannot read properties of (undefined|null)/.test(message)) {
    message = `the template reads a value that is missing: ${message}`;
  }
  return new OedrError(ExitCode.render, [{ severity: 'error', rule: 'template', message, file: err.templateFile, line, col }]);
}
