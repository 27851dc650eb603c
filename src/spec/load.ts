// Spec text -> RequestSpec, or every problem in it at once, each with file:line:col and path.
// A spec may build on profiles (`extends`) and list recipients (`recipients`): the result is one
// letter per recipient, and each diagnostic points into the file its value came from.
import { formatPath, type Diagnostic } from '../errors.js';
import { diagnoseIssues } from './diagnose.js';
import { mergeLayers, type Layer } from './layers.js';
import { sha256 } from '../hash.js';
import { dirname } from 'node:path';
import { confinedReader, followProfiles, readSource, type Reader, type SourceFile } from './profile.js';
import { readSpecBytes, decodeSpec, readSourceSync } from './read.js';
import { duplicateIds, loadRecipients, rowLayer } from './recipients.js';
import { checkRules } from './rules.js';
import { Spec, SpecWithoutRecipient, SpecWithRecipients, type RequestSpec } from './schema.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

export interface LoadedSpec {
  file: string;
  /** Present when the spec has no errors (it may have warnings); with `recipients`, the first letter. */
  spec?: RequestSpec;
  diagnostics: Diagnostic[];
  /** The spec merged with its profiles; `locate` answers with the file each value came from. */
  yaml?: ParsedYaml;
  /** Every letter, when the spec has no errors: one, or one per recipient. */
  letters?: LoadedLetter[];
  /** The spec, its profiles and its recipient list, in that order, with the SHA-256 of each. */
  sources?: SourceFile[];
  /** SHA-256 of the spec alone, or of the hashes of all its sources when there are several. */
  sha256?: string;
}

/** One letter: what the law step and the composer take. `id` is the recipient's, if any. */
export interface LoadedLetter extends LoadedSpec { id?: string; spec: RequestSpec; yaml: ParsedYaml }

/** `root`: the folder the spec's profiles and recipient list must lie in (--root); by default the spec's own. */
export async function loadSpec(file: string, root?: string): Promise<LoadedSpec> {
  const bytes = await readSpecBytes(file);
  return resolveSpec(decodeSpec(bytes, file), file, sha256(bytes), confinedReader(root ?? dirname(file)));
}

export function parseSpec(source: string, file: string): LoadedSpec {
  return resolveSpec(source, file, sha256(source), confinedReader(dirname(file)));
}

export function resolveSpec(source: string, file: string, hash: string, read: Reader): LoadedSpec {
  const parsed = parseYaml(source, file);
  if (parsed.diagnostics.length) return { file, diagnostics: parsed.diagnostics, yaml: parsed };

  const sources: SourceFile[] = [{ file, sha256: hash }];
  const chain = followProfiles(file, parsed, read, sources);
  // How the YAML was read (a comment cutting a value short) comes first, as warnings.
  const diagnostics = [...parsed.warnings, ...chain.diagnostics];
  const done = (extra: Partial<LoadedSpec>): LoadedSpec => {
    const order = [...new Set([...sources.map((s) => s.file), ...chain.files])];
    const combined = sources.length === 1 ? hash : sha256(sources.map((s) => s.sha256).join('\n'));
    return { file, diagnostics: sortDiagnostics(diagnostics, order), sources, sha256: combined, ...extra };
  };
  const merged = mergeLayers(chain.layers, ['extends']);
  // A profile that cannot be read leaves the spec without the keys it would give: only say why.
  if (chain.diagnostics.some((d) => d.severity === 'error')) return done({ yaml: merged });

  const data = merged.data as Record<string, unknown>;
  const listed = data !== null && typeof data === 'object' && !Array.isArray(data) && data.recipients !== undefined;
  const recipients = listed ? loadRecipients(merged, read, sources) : undefined;
  diagnostics.push(...(recipients?.diagnostics ?? []));
  if (listed && data.recipient !== undefined) {
    diagnostics.push({ severity: 'error', rule: 'recipient-and-recipients', ...merged.locate(['recipient'], true), path: 'recipient',
      message: 'expected either `recipient` (one letter) or `recipients` (one letter each), not both; move this recipient into the list' });
  }
  const list = recipients?.list;
  // The rows take the place of `recipients` (a file's path, or the list itself) in what is checked.
  const view = list
    ? mergeLayers([{
      data: { recipients: list.data },
      locate: (p, k) => (p[0] === 'recipients' && p.length > 1 ? list.locate(p.slice(1), k) : merged.locate(p, k)),
      sourceAt: (p) => (p[0] === 'recipients' && p.length > 1 ? list.sourceAt(p.slice(1)) : merged.sourceAt(p)),
    }, merged], listed ? ['recipient'] : [])
    : mergeLayers([merged], listed ? ['recipient', 'recipients'] : []);
  const schema = !listed ? Spec : list ? SpecWithRecipients : SpecWithoutRecipient;
  // jitless: zod would otherwise generate and compile a parser per object schema (new Function) on
  // the first parse, which a one-spec run pays for in full (~4-6 ms here) and 1,000 specs barely
  // recoup (same total, within noise). Same results either way.
  const result = schema.safeParse(view.data, { reportInput: true, jitless: true });
  if (!result.success) diagnostics.push(...diagnoseIssues(result.error.issues, schema, view, file));
  const findings = [...checkRules(view.data, view.sourceAt), ...(list ? duplicateIds(list.data) : [])];
  for (const f of findings) {
    diagnostics.push({ severity: f.severity, rule: f.rule, message: f.message, file, ...view.locate(f.path), path: formatPath(f.path) || undefined });
  }
  if (!result.success || (listed && !list) || diagnostics.some((d) => d.severity === 'error')) return done({ yaml: view });

  const letters: LoadedLetter[] = !list
    ? [{ file, spec: result.data as RequestSpec, yaml: view, diagnostics: [] }]
    : lettersFor(result.data as Parsed, list, merged, file);
  return done({ yaml: view, letters, spec: letters[0]!.spec });
}

/**
 * The ids of a spec's recipient list, for naming its letters before any work, without checking the
 * spec: only the spec, its profiles and the list are read and parsed (no schema, no rules). Undefined
 * when there is no list, when it cannot be read, or when a row has no id. Unlike loadSpec's letters,
 * a spec invalid in other ways still gets its ids here; `oedr draft` loads such a spec in full when
 * the difference could decide a name clash.
 */
export function listedRecipientIds(file: string, root?: string): string[] | undefined {
  const read = confinedReader(root ?? dirname(file));
  let text;
  try {
    text = readSourceSync(file).text;
  } catch {
    return undefined; // reported by the job that loads it
  }
  // Only a spec whose text can lead to a list (itself, or through a profile) is parsed.
  if (!/recipients|extends/.test(text)) return undefined;
  const parsed = parseYaml(text, file);
  if (parsed.diagnostics.length) return undefined;
  const chain = followProfiles(file, parsed, read, []);
  if (chain.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const merged = mergeLayers(chain.layers, ['extends']);
  const data = merged.data as Record<string, unknown>;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || data.recipients === undefined) return undefined;
  const { list, diagnostics } = loadRecipients(merged, read, []);
  if (!list || diagnostics.some((d) => d.severity === 'error')) return undefined;
  const ids = (list.data as unknown[]).map((row) => (row && typeof row === 'object' ? (row as Record<string, unknown>).id : undefined));
  return ids.length && ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
}

type Parsed = ReturnType<typeof SpecWithRecipients.parse>;

/** One letter per recipient: the row is the recipient; its id ends the reference; its language and law apply. */
function lettersFor(parsed: Parsed, list: Layer, merged: ParsedYaml, file: string): LoadedLetter[] {
  const { recipients, ...base } = parsed;
  const below = mergeLayers([merged], ['recipients', 'recipient']);
  return recipients.map(({ id, language, law, ...recipient }, i) => {
    const letter = { ...base.letter, language: language ?? base.letter.language };
    if (base.letter.reference !== undefined) letter.reference = `${base.letter.reference}-${id}`;
    const spec: RequestSpec = { ...base, letter, recipient };
    if (law !== undefined) spec.law = law;
    const yaml = mergeLayers([rowLayer(list, i, below), below]);
    return { file, id, spec, yaml, diagnostics: [] };
  });
}

/** By file (the spec, then its profiles, then the recipient list), then by place. */
export function sortDiagnostics(ds: Diagnostic[], files: readonly string[]): Diagnostic[] {
  const rank = (d: Diagnostic) => {
    const i = d.file === undefined ? -1 : files.indexOf(d.file);
    return i === -1 ? files.length : i;
  };
  return ds.sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
