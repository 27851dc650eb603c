// The partials templates call, checked before anything is rendered: each exists, none calls itself
// (the stack would overflow, without a place), and none is named by an expression (not checkable).
import { closest } from '../spec/suggest.js';
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';

/** A `{{> name}}` call; `dynamic` for `{{> (expression)}}`, whose name is known only when rendered. */
export type PartialCall = { name: string; line: number; col: number; dynamic?: boolean };

/** The part of a template file the checks need. */
interface Named { name: string; file: string; partial: boolean }

const fileError = (rule: string, message: string, where: Partial<Diagnostic>): OedrError =>
  new OedrError(ExitCode.render, [{ severity: 'error', rule, message, ...where }]);

/**
 * `{{> fieldz}}` fails only when rendered, without a place; so does a partial that calls itself
 * (through others or not: the stack overflows) and a partial named by an expression. All three are
 * found up front, at the call.
 */
export function checkPartialsExist<T extends Named>(files: T[], callsIn: (t: T) => PartialCall[]): void {
  const partials = files.filter((f) => f.partial).map((f) => f.name);
  for (const t of files) {
    const dynamic = callsIn(t).find((c) => c.dynamic);
    if (dynamic) {
      throw fileError('template', 'a partial named by an expression (`{{> (…)}}`) cannot be checked before the letter is written; call the partial by its name',
        { file: t.file, line: dynamic.line, col: dynamic.col });
    }
    const found = callsIn(t).find((c) => !partials.includes(c.name));
    if (!found) continue;
    const guess = closest(found.name, partials);
    throw fileError('template', `the partial \`${found.name}\` does not exist${guess ? ` (did you mean \`${guess}\`?)` : `; the partials are: ${partials.join(', ')}`}`,
      { file: t.file, line: found.line, col: found.col });
  }
  checkNoCycle(files, callsIn);
}

/** A partial that calls itself, directly or through others: an error at the call that closes the circle. */
function checkNoCycle<T extends Named>(files: T[], callsIn: (t: T) => PartialCall[]): void {
  const partial = new Map(files.filter((f) => f.partial).map((f) => [f.name, f]));
  const done = new Set<T>();
  const visit = (t: T, path: T[]): void => {
    if (done.has(t)) return;
    for (const c of callsIn(t)) {
      const next = partial.get(c.name);
      if (!next) continue;
      if (path.includes(next)) {
        const circle = [...path.slice(path.indexOf(next)), next].map((f) => f.name).join(' → ');
        throw fileError('template', `the partial \`${c.name}\` is called inside itself (${circle}): the letter would never end`, { file: t.file, line: c.line, col: c.col });
      }
      visit(next, [...path, next]);
    }
    done.add(t);
  };
  for (const t of files) visit(t, [t]);
}

/** The partials a template calls (`{{> name}}`, `{{#> name}}`, dynamic ones marked); @partial-block calls are skipped. */
export function partialCalls(node: unknown, out: PartialCall[] = []): PartialCall[] {
  if (!node || typeof node !== 'object') return out;
  const n = node as { type?: string; name?: { type?: string; original?: unknown }; loc?: { start: { line: number; column: number } } };
  if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && n.loc) {
    const at = { line: n.loc.start.line, col: n.loc.start.column + 1 };
    if (n.name?.type === 'SubExpression') out.push({ name: '', ...at, dynamic: true });
    else if (n.name?.type === 'PathExpression' && typeof n.name.original === 'string' && !n.name.original.startsWith('@')) out.push({ name: n.name.original, ...at });
  }
  for (const [k, v] of Object.entries(n)) {
    if (k === 'loc') continue;
    if (Array.isArray(v)) v.forEach((x) => partialCalls(x, out));
    else if (v && typeof v === 'object') partialCalls(v, out);
  }
  return out;
}

