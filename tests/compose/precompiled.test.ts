// Built-in templates precompiled at build time (scripts/precompile-templates.mjs) must render
// exactly what compiling them at run time renders, and any other source must still be compiled.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContext } from '../../src/compose/context.js';
import {
  BUILTIN_DIR, compileOptions, loadTemplates, partialCalls, templateHash, usePrecompiled, type PrecompiledModule, type PrecompiledTemplate,
} from '../../src/compose/templates.js';
import { OedrError } from '../../src/errors.js';
import { fixture, root, specFrom, tempDir } from '../helpers.js';

const EXT = '.md.hbs';
const builtinFiles = (lang: string) => [
  ...readdirSync(join(BUILTIN_DIR, lang)).filter((n) => n.endsWith(EXT)).map((n) => join(BUILTIN_DIR, lang, n)),
  ...readdirSync(join(BUILTIN_DIR, lang, 'partials')).filter((n) => n.endsWith(EXT)).map((n) => join(BUILTIN_DIR, lang, 'partials', n)),
];
const precompile = (source: string, partialsFrom = source): PrecompiledTemplate => ({
  spec: new Function(`return ${Handlebars.precompile(source, compileOptions)}`)() as TemplateSpecification,
  partials: partialCalls(Handlebars.parse(partialsFrom)),
});
/** What the build writes, made here so the test does not depend on a dist/ being present. */
const precompiledBuiltins = () => Object.fromEntries(builtinFiles('en').map((f) => {
  const source = readFileSync(f, 'utf8');
  return [templateHash(source), precompile(source)];
}));

const render = (name: string, context: object, templateDir?: string): string => {
  try {
    return loadTemplates('en', templateDir).render(name, context);
  } catch (e) {
    return `error: ${e instanceof OedrError ? JSON.stringify(e.diagnostics) : String(e)}`;
  }
};

afterEach(() => usePrecompiled(undefined));

describe('precompiled built-in templates', () => {
  it('render the same text as compiled ones, for every template and spec', async () => {
    const specs = [
      fixture('valid/full.yaml'),
      ...readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'examples', f)),
    ];
    const words = loadTemplates('en').words;
    const contexts = await Promise.all(specs.map(async (f) => buildContext(await specFrom(f), words)));
    const names = loadTemplates('en').files.filter((f) => !f.partial).map((f) => f.name);
    expect(names.length).toBeGreaterThan(3);
    const renderAll = () => contexts.flatMap((c) => names.map((n) => render(n, c)));
    usePrecompiled(undefined);
    const compiled = renderAll();
    usePrecompiled(precompiledBuiltins());
    const fromSpecs = renderAll();
    expect(fromSpecs).toEqual(compiled);
    expect(compiled.filter((t) => !t.startsWith('error:')).length).toBeGreaterThanOrEqual(specs.length);
  });

  it('are found by the hash of their source (the spec is used, not the file compiled)', () => {
    const file = join(BUILTIN_DIR, 'en', 'data-request.md.hbs');
    usePrecompiled({ ...precompiledBuiltins(), [templateHash(readFileSync(file, 'utf8'))]: precompile('precompiled marker') });
    expect(render('data-request', {})).toBe('precompiled marker');
  });

  it('compile a changed source as before, with the usual checks', async () => {
    const file = join(BUILTIN_DIR, 'en', 'data-request.md.hbs');
    const source = readFileSync(file, 'utf8');
    usePrecompiled({ ...precompiledBuiltins(), [templateHash(source)]: precompile('precompiled marker') });
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'data-request.md.hbs'), `${source}\nEdited: {{sentence "changed"}}\n`);
      const context = buildContext(await specFrom(fixture('valid/full.yaml')), loadTemplates('en').words);
      const text = render('data-request', context, dir.path);
      expect(text).not.toContain('precompiled marker');
      expect(text).toContain('Edited: changed\\.');
      // A partial that does not exist is still reported at its place.
      const bad = join(dir.path, 'bad');
      mkdirSync(bad);
      writeFileSync(join(bad, 'data-request.md.hbs'), 'Hello\n  {{> fieldz}}\n');
      expect(() => loadTemplates('en', bad)).toThrow(OedrError);
      try {
        loadTemplates('en', bad);
      } catch (e) {
        expect((e as OedrError).diagnostics[0]).toMatchObject({ file: join(bad, 'data-request.md.hbs'), line: 2, col: 3 });
        expect((e as OedrError).diagnostics[0]!.message).toContain('`fieldz` does not exist');
      }
    } finally {
      dir.done();
    }
  });

  it('still have their partial calls checked, from the list recorded at build time', () => {
    const file = join(BUILTIN_DIR, 'en', 'data-request.md.hbs');
    usePrecompiled({ ...precompiledBuiltins(), [templateHash(readFileSync(file, 'utf8'))]: precompile('x', 'x\n{{> fieldz}}') });
    try {
      loadTemplates('en');
      expect.unreachable();
    } catch (e) {
      expect((e as OedrError).diagnostics[0]).toMatchObject({ file, line: 2, col: 1 });
    }
  });

  it('are all in the built dist/templates/<lang>.precompiled.cjs, one file a language, under the running Handlebars version', async () => {
    const built = new URL('../../dist/templates/en.precompiled.cjs', import.meta.url);
    if (!existsSync(built)) return; // the suite's global setup builds it; nothing to check without a build
    // A letter loads its own language's file only: each file holds that language and no other.
    const es = (await import(new URL('../../dist/templates/es.precompiled.cjs', import.meta.url).href)) as { default: PrecompiledModule };
    expect(es.default.templates[templateHash(readFileSync(builtinFiles('en')[0]!, 'utf8'))]).toBeUndefined();
    const mod = (await import(built.href)) as { default: PrecompiledModule };
    expect(mod.default.handlebars).toBe(Handlebars.VERSION);
    for (const f of builtinFiles('en')) {
      const entry = mod.default.templates[templateHash(readFileSync(f, 'utf8'))];
      expect(entry, f).toBeDefined();
      expect(entry!.partials).toEqual(partialCalls(Handlebars.parse(readFileSync(f, 'utf8'))));
    }
  });
});
