// Names a letter template reads from the letter context, checked before anything is rendered.
// Handlebars' strict mode stops at a missing `{{letter.bogus}}`, but not at a name used only as a
// block's argument (`{{#each nope}}`, `{{#if letter.nosuch}}`): those render as nothing. This walk
// checks every name read where the context is still the letter's own (outside `#each` and `#with`,
// whose bodies see an item instead) against the documented variables.
import { contextVariables, templateExtras } from './variables.js';

/** The helpers Handlebars brings itself (beside the ones templates.ts registers): never names to look up. */
const BUILTIN_HELPERS: ReadonlySet<string> = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

export interface UnknownName { name: string; line: number; col: number }

type Node = { type?: string; [key: string]: unknown };
type Path = { type: 'PathExpression'; data: boolean; depth: number; parts: string[]; original: string; loc?: { start: { line: number; column: number } } };

const documented = Object.keys(contextVariables).map((k) => k.replace(/\[\]/g, ''));
/** Lists (`datasets[]`): read as a whole too, e.g. `datasets.length`. */
const lists = [...new Set(Object.keys(contextVariables).filter((k) => k.includes('[]')).map((k) => k.slice(0, k.indexOf('[]'))))];

/** Whether `a.b.c` is a documented variable, leads to one, or lies inside one documented whole (`law`, `words.…`). */
function known(path: string, extras: readonly string[]): boolean {
  const root = path.split('.')[0]!;
  if (extras.includes(root)) return true;
  return lists.some((l) => path === l || path.startsWith(`${l}.`)) || documented.some((d) => d === path || d.startsWith(`${path}.`) || path.startsWith(`${d}.`));
}

/**
 * Names in a template (not a partial: its context depends on where it is called) that the letter
 * context lacks. `helpers`: the registered helpers. Handlebars' own (BUILTIN_HELPERS) are helpers as
 * blocks; alone and without arguments (`{{if}}`) one is read as a name, so the mistake gets a place
 * (Handlebars would call it with nothing and fail at render, without one).
 */
export function unknownNames(tree: unknown, template: string, helpers: ReadonlySet<string>): UnknownName[] {
  const extras = templateExtras[template] ?? [];
  const out: UnknownName[] = [];
  const check = (p: unknown) => {
    const path = p as Path;
    if (path?.type !== 'PathExpression' || path.data || path.depth > 0 || path.parts.length === 0) return;
    const name = path.parts.join('.');
    if (!known(name, extras) && path.loc) out.push({ name, line: path.loc.start.line, col: path.loc.start.column + 1 });
  };
  const visit = (node: unknown, letterScope: boolean): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    switch (n.type) {
      case 'Program':
        for (const s of (n.body as unknown[]) ?? []) visit(s, letterScope);
        return;
      case 'MustacheStatement':
      case 'SubExpression':
      case 'BlockStatement':
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        if (letterScope) {
          const params = (n.params as unknown[]) ?? [];
          const path = n.path as Path | undefined;
          // `{{name}}` reads a variable; `{{helper arg}}` (or a known helper alone) calls a helper.
          if (n.type !== 'PartialStatement' && n.type !== 'PartialBlockStatement' && params.length === 0 && !n.hash && path && !helpers.has(path.original)
            && !(n.type === 'BlockStatement' && BUILTIN_HELPERS.has(path.original))) check(path);
          for (const p of params) (p as Node).type === 'SubExpression' ? visit(p, true) : check(p);
          for (const pair of ((n.hash as { pairs?: { value: unknown }[] })?.pairs ?? [])) (pair.value as Node).type === 'SubExpression' ? visit(pair.value, true) : check(pair.value);
        }
        if (n.type === 'BlockStatement') {
          const helper = (n.path as Path).original;
          // `#each` and `#with` hand their body an item (and block params); `#if` and `#unless` keep the context.
          visit(n.program, letterScope && !(helper === 'each' || helper === 'with'));
          visit(n.inverse, letterScope);
        }
        return;
      }
      default:
    }
  };
  visit(tree, true);
  return out;
}
