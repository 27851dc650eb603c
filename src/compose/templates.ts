// Finding, compiling and running the letter templates: templates/<lang>/*.md.hbs with partials/,
// overridable by name from --template-dir. One isolated Handlebars environment per template set.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readUtf8Sync } from '../read-file.js';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The runtime renders the templates precompiled at build time; the compiler (parser and code
// generator, two thirds of Handlebars) loads only for a template that is not: an override, or a
// checkout not yet built. Saves ~30 ms of a cold start.
import runtime from 'handlebars/runtime.js';
import type HandlebarsCompiler from 'handlebars';
import { ExitCode, OedrError, fail, type Diagnostic } from '../errors.js';
import { closest } from '../spec/suggest.js';
import { checkPartialsExist, partialCalls, type PartialCall } from './template-partials.js';
import { sha256 } from '../hash.js';
import { escapeMarkdown } from './markdown.js';
import { checkWords, joinList, mergeWords, readWords, readWordsWithPlaces } from './words.js';
import { unknownNames } from './template-names.js';
import { localDigits } from './context.js';
import { BUILTIN_DIR, builtinLanguages } from './template-dir.js';

/** handlebars/runtime's own typings declare nothing; it is the full package minus the compiler. */
const Handlebars = runtime as unknown as Pick<typeof HandlebarsCompiler, 'create' | 'Utils' | 'VERSION'>;

export { BUILTIN_DIR, builtinLanguages };
const EXT = '.md.hbs';

/** Helpers templates may use; anything else is a compile error (knownHelpersOnly). */
const helpers: Record<string, HandlebarsCompiler.HelperDelegate> = {
  /** `{{join list}}`: "a, b and c" in the letter's language. */
  join(this: unknown, list: unknown, options: HandlebarsCompiler.HelperOptions) {
    // Returned as plain text: Handlebars escapes helper output in {{ }} like any value.
    const items = Array.isArray(list) ? list.map(String) : [];
    const words = (options.data?.root as { words?: { and?: string; list_separator?: string } })?.words;
    return joinList(items, String(words?.and ?? 'and'), String(words?.list_separator ?? ', '));
  },
  /** `{{digits value}}`: a number in the letter's digits (words.yaml `digits`: Devanagari, Bengali), else as it is. */
  digits(this: unknown, value: unknown, options: HandlebarsCompiler.HelperOptions) {
    return localDigits(value ?? '', (options.data?.root as { words?: Record<string, unknown> })?.words ?? {});
  },
  /** `{{sentence value}}`: the value as written, with a full stop added only if it has no closing punctuation. */
  sentence(this: unknown, value: unknown) {
    const text = value === null || value === undefined ? '' : String(value).trim();
    // Closing quotes or brackets end a sentence only after a full stop: "(see below)" still needs one.
    // Escaped (… ؟ ። ፧ । ॥, then » ” ’): one non-ASCII character in a bundled script makes V8 hold
    // all of its source as two-byte text, twice the memory and a slower read at every start.
    if (text === '' || /[.!?\u2026\u061f\u1362\u1367\u0964\u0965]["'\u00bb\u201d\u2019)\]]*$/.test(text)) return text;
    // Amharic ends a sentence with the Ethiopic full stop (።), Devanagari and Bengali with the danda (।).
    if (/[\u1200-\u137f]$/.test(text)) return `${text}።`;
    return /[\u0900-\u09ff]$/u.test(text) ? `${text}।` : `${text}.`;
  },
  /**
   * `{{inflect value "genitive"}}`: the value in a grammatical case, for languages that mark it on the
   * last word (Georgian: „2027 წლის 12 აპრილის“; Bangla: বাংলাদেশের, ঢাকার, NPP-এর). words.yaml
   * `inflection.<case>` lists [ending, replacement] pairs; the first ending the value has is
   * replaced. An ending in brackets is a set of last characters ("[ািী]"), and a replacement that
   * starts with "+" is added after the ending, which stays. No rule, no change.
   */
  inflect(this: unknown, value: unknown, grammaticalCase: unknown, options: HandlebarsCompiler.HelperOptions) {
    const text = value === null || value === undefined ? '' : String(value);
    const words = (options.data?.root as { words?: { inflection?: Record<string, unknown> } })?.words;
    const rules = words?.inflection?.[String(grammaticalCase)];
    const rule = Array.isArray(rules) ? rules.find((r): r is [string, string] => Array.isArray(r) && endsWithEnding(text, String(r[0]))) : undefined;
    if (!rule) return text;
    const [ending, replacement] = [String(rule[0]), String(rule[1])];
    if (replacement.startsWith('+')) return text + replacement.slice(1);
    return text.slice(0, text.length - (isCharacterSet(ending) ? [...text].at(-1)!.length : ending.length)) + replacement;
  },
};

const isCharacterSet = (ending: string) => ending.length > 2 && ending.startsWith('[') && ending.endsWith(']');
/** Whether `text` ends with `ending`, or, for "[…]", with one of its characters. */
function endsWithEnding(text: string, ending: string): boolean {
  if (!isCharacterSet(ending)) return text.endsWith(ending);
  const last = [...text].at(-1);
  return last !== undefined && [...ending.slice(1, -1)].includes(last);
}
/** The one set of compile options, shared with scripts/precompile-templates.mjs so build and run time agree. */
export const compileOptions: CompileOptions = {
  // `log` would write the context to stdout (and break --json): refused like any unknown helper.
  strict: true, knownHelpersOnly: true, knownHelpers: { ...Object.fromEntries(Object.keys(helpers).map((h) => [h, true])), log: false },
  preventIndent: true, noEscape: false,
};

/** The key of a template in dist/templates/<lang>.precompiled.cjs: SHA-256 of its source text. */
export const templateHash = (source: string): string => sha256(source);

/** A built-in template compiled at build time, with the partials it calls (for the partial check, without parsing). */
export interface PrecompiledTemplate { spec: TemplateSpecification; partials: PartialCall[] }
export interface PrecompiledModule { handlebars: string; templates: Record<string, PrecompiledTemplate> }

/**
 * `npm run build` precompiles the built-in templates into dist/templates/<lang>.precompiled.cjs, so
 * a cold start does not run Handlebars' parser and compiler for them (~100 ms of CPU here); one file
 * a language, so a letter loads only its own. Templates are found by the hash of their source: an
 * override, or a template edited after the build, is compiled as before. Without the file (a
 * checkout not yet built), everything is compiled. Loaded synchronously, on the first template set
 * of that language: CommonJS, so the module needs no top-level await, which the bundled commands
 * (scripts/bundle.mjs) cannot have.
 */
const precompiled = new Map<string, Record<string, PrecompiledTemplate> | undefined>();
/** Set by tests (usePrecompiled): used for every language instead of the built files. */
let replaced: { templates: Record<string, PrecompiledTemplate> | undefined } | undefined;

function precompiledTemplates(lang: string): Record<string, PrecompiledTemplate> | undefined {
  if (replaced) return replaced.templates;
  if (!precompiled.has(lang)) precompiled.set(lang, loadPrecompiled(lang));
  return precompiled.get(lang);
}

function loadPrecompiled(lang: string): Record<string, PrecompiledTemplate> | undefined {
  const file = fileURLToPath(new URL(`../../dist/templates/${lang}.precompiled.cjs`, import.meta.url));
  if (!existsSync(file)) return undefined;
  try {
    const mod = createRequire(import.meta.url)(file) as PrecompiledModule;
    // Built with another Handlebars (an upgrade without a rebuild): its specs may not fit this runtime.
    return mod.handlebars === Handlebars.VERSION ? mod.templates : undefined;
  } catch {
    return undefined;
  }
}

/** For tests: replace the precompiled templates (undefined: compile everything). Clears the cache. */
export function usePrecompiled(templates: Record<string, PrecompiledTemplate> | undefined): void {
  replaced = { templates };
  cache.clear();
}

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
  // Sorted (builtinLanguages): the message never depends on the file system's order.
  const available = builtinLanguages();
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
  if (overrideDir !== undefined) checkOverrideDir(overrideDir);
  const lang = resolveLanguage(language, overrideDir ? [builtin, overrideDir] : [builtin]);
  // What an override may replace: the built-in names for this language (for a language only the
  // override has, the names of every built-in language).
  const builtinLangs = existsSync(join(builtin, lang)) ? [lang] : builtinLanguages();
  const known = { templates: new Set<string>(), partials: new Set<string>() };
  for (const l of builtinLangs) {
    for (const n of hbsFiles(join(builtin, l))) known.templates.add(n.slice(0, -EXT.length));
    for (const n of hbsFiles(join(builtin, l, 'partials'))) known.partials.add(n.slice(0, -EXT.length));
  }
  // What an override's words.yaml is checked against; without an override nothing is (and the
  // built-in file is read once, below, not twice).
  const referenceWords = overrideDir !== undefined ? readWords(join(builtin, builtinLangs[0]!, 'words.yaml')) : {};
  // Later folders win: built-in, then --template-dir, then --template-dir/<lang>.
  const layers = [join(builtin, lang), ...(overrideDir ? [overrideDir, join(overrideDir, lang)] : [])];
  const byName = new Map<string, TemplateFile>();
  let words: Record<string, unknown> = {};
  for (const dir of layers) {
    const override = dir !== layers[0];
    if (override) checkOverrideFiles(dir, known);
    for (const [sub, partial] of [['', false], ['partials', true]] as const) {
      for (const f of hbsFiles(join(dir, sub)).filter((n) => n.endsWith(EXT))) {
        const name = f.slice(0, -EXT.length);
        const file = join(dir, sub, f);
        byName.set(`${partial ? 'partial' : 'template'}:${name}`, { name, file, source: readUtf8Sync(file), partial });
      }
    }
    const wordsFile = join(dir, 'words.yaml');
    if (existsSync(wordsFile)) {
      const { data, yaml } = readWordsWithPlaces(wordsFile);
      if (override) checkWords(referenceWords, data, yaml, wordsFile);
      words = mergeWords(words, data);
    }
  }
  const files = [...byName.values()];
  // Precompiled at build time, found by the hash of the source; the others are parsed once, and the
  // tree serves the partial check and the compiler.
  const ready = new Map<TemplateFile, PrecompiledTemplate>();
  const built = precompiledTemplates(lang);
  if (built) {
    for (const t of files) {
      const p = built[templateHash(t.source)];
      if (p) ready.set(t, p);
    }
  }
  const trees = new Map(files.filter((t) => !ready.has(t)).map((t) => [t, parseChecked(t)]));
  checkPartialsExist(files, (t) => ready.get(t)?.partials ?? partialCalls(trees.get(t)));
  checkNames(trees);
  const env = Handlebars.create();
  // Values from the spec are data: escape them for Markdown, not HTML. Handlebars reads
  // escapeExpression at render time from its Utils, shared by every environment.
  Handlebars.Utils.escapeExpression = escapeMarkdown as typeof Handlebars.Utils.escapeExpression;
  env.Utils.escapeExpression = escapeMarkdown as typeof Handlebars.Utils.escapeExpression;
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
  env.unregisterHelper('log');
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const t of files) {
    const spec = ready.get(t)?.spec;
    const fn = located(t, spec ? env.template(spec) : compileChecked(env, t, trees.get(t)!));
    if (t.partial) env.registerPartial(t.name, fn as unknown as HandlebarsCompiler.Template);
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

const fileError = (rule: string, message: string, where: Partial<Diagnostic>): OedrError =>
  new OedrError(ExitCode.render, [{ severity: 'error', rule, message, ...where }]);

/** `*.hbs` in a folder, sorted (so the order of the set never depends on the file system); none if it is missing. */
function hbsFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.hbs')).sort();
}

/** A --template-dir that is not there would silently give the built-in letters. */
function checkOverrideDir(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return fail(ExitCode.input, 'template-dir-missing', '--template-dir names a folder that does not exist', { file: dir });
  }
  if (!isDir) fail(ExitCode.input, 'template-dir-missing', '--template-dir names a file; expected a folder of templates', { file: dir });
}

/**
 * Every .hbs file in an override folder must replace a built-in template or partial by name: a file
 * that matches nothing (`partials/formats.md.hbs`, a partial at the top level) would be ignored,
 * and the letter would keep the built-in wording without a word said.
 */
function checkOverrideFiles(dir: string, known: { templates: Set<string>; partials: Set<string> }): void {
  const paths = [...[...known.templates].map((n) => `${n}${EXT}`), ...[...known.partials].map((n) => `partials/${n}${EXT}`)];
  for (const [sub, partial] of [['', false], ['partials', true]] as const) {
    for (const f of hbsFiles(join(dir, sub))) {
      const name = f.replace(/(\.md)?\.hbs$/, '');
      const here = partial ? known.partials : known.templates;
      const there = partial ? known.templates : known.partials;
      if (f.endsWith(EXT) && here.has(name)) continue;
      let message: string;
      if (f.endsWith(EXT) && there.has(name)) {
        message = partial
          ? `\`${name}\` is a letter template, not a partial, so this file would never be used; move it up to ${name}${EXT}`
          : `\`${name}\` is a partial, so this file would never be used; move it to partials/${name}${EXT}`;
      } else {
        const guess = closest(`${sub ? 'partials/' : ''}${name}${EXT}`, paths) ?? closest(name, [...here]);
        const at = guess === undefined ? undefined : guess.endsWith(EXT) ? guess : `${sub ? 'partials/' : ''}${guess}${EXT}`;
        const kind = partial ? 'partial' : 'letter template';
        message = `no built-in ${kind} is named \`${name}\`${f.endsWith(EXT) ? '' : ` (template files end in ${EXT})`}, so this file would never be used; `
          + (at ? `did you mean ${at}?` : `expected one of: ${paths.join(', ')}`);
      }
      throw fileError('template-unknown', message, { file: join(dir, sub, f) });
    }
  }
}

/** A name the letter context lacks, used where strict mode would not stop it (`{{#if letter.nosuch}}`). */
function checkNames(trees: Map<TemplateFile, hbs.AST.Program>): void {
  const known = new Set(Object.keys(helpers));
  for (const [t, tree] of trees) {
    if (t.partial) continue;
    const [first] = unknownNames(tree, t.name, known);
    if (first) {
      throw fileError('template', `the template uses \`${first.name}\`, which the letter context does not have (see \`oedr templates\`)`,
        { file: t.file, line: first.line, col: first.col });
    }
  }
}

export { partialCalls };

let full: typeof HandlebarsCompiler | undefined;
const compiler = (): typeof HandlebarsCompiler => (full ??= createRequire(import.meta.url)('handlebars') as typeof HandlebarsCompiler);

/** Compile eagerly (Handlebars compiles lazily) so syntax errors surface with their place. */
function parseChecked(t: TemplateFile): hbs.AST.Program {
  try {
    return compiler().parse(t.source);
  } catch (e) {
    (e as { templateFile?: string }).templateFile = t.file;
    throw templateError(e);
  }
}

function compileChecked(env: ReturnType<typeof Handlebars.create>, t: TemplateFile, tree: hbs.AST.Program): HandlebarsTemplateDelegate {
  try {
    // One eager compilation: precompile reports syntax errors and unknown helpers with their place
    // now (compile() would wait for the first render), and its output becomes the template, so the
    // work is not done a second time.
    return env.template(new Function(`return ${compiler().precompile(tree, compileOptions)}`)() as TemplateSpecification);
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
      if (e && typeof e === 'object' && !('templateFile' in e)) {
        const err = e as { templateFile?: string; lineNumber?: number; column?: number; message?: string };
        err.templateFile = t.file;
        if (err.lineNumber === undefined) Object.assign(err, placeOfRead(t, String(err.message)));
      }
      throw e;
    }
  };
}

/**
 * Where a template reads past a missing value (`{{#with this as |x|}}{{x.nosuch.q}}`: JavaScript's
 * "Cannot read properties of undefined (reading 'q')" has no place): the first path in the template
 * that reads the property named. Parsed again only on this error.
 */
function placeOfRead(t: TemplateFile, message: string): { lineNumber?: number; column?: number } {
  const name = /\(reading '([^']*)'\)/.exec(message)?.[1];
  if (name === undefined) return {};
  let found: { lineNumber: number; column: number } | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    const n = node as { type?: string; parts?: unknown[]; loc?: { start: { line: number; column: number } } };
    if (n.type === 'PathExpression' && n.parts?.slice(1).includes(name) && n.loc) {
      found = { lineNumber: n.loc.start.line, column: n.loc.start.column };
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc') (Array.isArray(v) ? v : [v]).forEach(walk);
  };
  try {
    walk(compiler().parse(t.source));
  } catch {
    return {};
  }
  return found ?? {};
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
  message = message.replace(/^You specified knownHelpersOnly, but used the unknown helper (\S+)$/,
    (_m, name: string) => `unknown helper \`${name}\`; templates may use: ${Object.keys(helpers).sort().join(', ')}`);
  if (/Cannot read properties of (undefined|null)/.test(message)) {
    message = `the template reads a value that is missing: ${message}`;
  }
  return new OedrError(ExitCode.render, [{ severity: 'error', rule: 'template', message, file: err.templateFile, line, col }]);
}
