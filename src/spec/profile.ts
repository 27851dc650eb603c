// `extends: _profile.yaml`: follows a spec's chain of profiles and returns one layer per file, the
// spec first. A profile that cannot be read is reported where the file naming it says `extends:`;
// a problem inside a profile is reported in the profile, at its own line and column.
import { sha256 } from '../hash.js';
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ExitCode, OedrError, fail, type Diagnostic } from '../errors.js';
import { describeValue } from './diagnose.js';
import { fileLayer, type Layer } from './layers.js';
import { readSourceSync } from './read.js';
import { SpecFile } from './schema.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

/** A file the spec was built from, with the SHA-256 of its bytes. */
export interface SourceFile { file: string; sha256: string }

export interface Chain {
  /** The spec, then its profile, then that profile's profile, … */
  layers: Layer[];
  files: string[];
  diagnostics: Diagnostic[];
}

export type Reader = (file: string, kind: 'profile' | 'recipients-csv' | 'recipients-yaml') => { text: string; bytes: Uint8Array };

export const readSource: Reader = (file, kind) => readSourceSync(file, {
  format: kind === 'recipients-csv' ? 'CSV' : 'YAML',
  empty: kind === 'profile' ? 'the profile is empty; give it at least one key, such as requester' : 'the recipient list is empty',
});

/**
 * `read`, for files inside `root` only (by their real path: a link cannot lead out). CI drafts
 * specs from pull requests: a spec must not be able to read, and echo in errors, any file of the
 * machine (`extends: /etc/shadow`). The root is the spec's folder, or one given with --root.
 */
export function confinedReader(root: string, read: Reader = readSource): Reader {
  let top: string | undefined;
  return (file, kind) => {
    top ??= realOrSelf(root);
    const real = realOrSelf(file);
    const inside = relative(top, real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      fail(ExitCode.input, 'outside-root', `it is outside ${top}; a spec may name profiles and recipient lists only in its own folder and below it, or below a folder given with --root`, { file });
    }
    return read(file, kind);
  };
}

/** The real path, or the path itself when it does not exist (reading it will say so). */
function realOrSelf(p: string): string {
  try { return realpathSync(resolve(p)); } catch { return resolve(p); }
}

/** `other` as named in `from`: relative to the folder of the file that names it. */
export const besides = (from: string, other: string) => (isAbsolute(other) ? other : join(dirname(from), other));

/**
 * A read error of a file named by `value` in `from`: with a place of its own (a bad byte), it stays
 * in that file; otherwise (no such file, a folder) it is reported at the value that names it.
 */
export function readError(e: unknown, what: string, named: string, at: Diagnostic): Diagnostic[] {
  if (!(e instanceof OedrError)) throw e;
  return e.diagnostics.map((d) => (d.line !== undefined ? d
    : { ...at, rule: d.rule, message: `cannot read ${what} "${named}"${d.file === named ? '' : ` (${d.file})`}: ${d.message}` }));
}

export function followProfiles(specFile: string, spec: ParsedYaml, read: Reader, hashes: SourceFile[]): Chain {
  const chain: Chain = { layers: [fileLayer(spec, specFile)], files: [specFile], diagnostics: [] };
  const seen = [resolve(specFile)];
  let current = { file: specFile, yaml: spec };
  for (;;) {
    const data = current.yaml.data as Record<string, unknown>;
    if (data === null || typeof data !== 'object' || Array.isArray(data) || !Object.hasOwn(data, 'extends')) return chain;
    const named = data.extends;
    const at: Diagnostic = {
      severity: 'error', rule: 'extends', message: '', file: current.file, ...current.yaml.locate(['extends']), path: 'extends',
    };
    if (typeof named !== 'string' || !/\S/.test(named)) {
      chain.diagnostics.push({ ...at, rule: 'type', message: `expected the path of a profile, such as _profile.yaml, relative to this file; got ${describeValue(named)}` });
      return chain;
    }
    const file = besides(current.file, named);
    const loop = seen.indexOf(resolve(file));
    if (loop !== -1) {
      const names = [...chain.files, file].slice(loop);
      chain.diagnostics.push({ ...at, rule: 'extends-cycle', message: `the profiles extend each other in a loop: ${names.join(' -> ')}; remove one of these \`extends\`` });
      return chain;
    }
    let source;
    try {
      source = read(file, 'profile');
    } catch (e) {
      chain.diagnostics.push(...readError(e, 'the profile', named, at));
      return chain;
    }
    hashes.push({ file, sha256: sha256(source.bytes) });
    const yaml = parseYaml(source.text, file);
    // A file that is no profile at all (another YAML file, a password file) is named, with the
    // place of its first problem, but none of its text is repeated.
    if (!looksLikeProfile(yaml.data, yaml.diagnostics.length ? source.text : undefined)) {
      const first = yaml.diagnostics[0];
      chain.diagnostics.push({ severity: 'error', rule: 'not-a-profile', file, line: first?.line ?? 1, col: first?.col ?? 1,
        message: `this is not a profile: expected a YAML mapping with some of a spec's keys (${SPEC_KEYS.slice(0, 5).join(', ')}, ...)${first ? '; it is not valid YAML here' : ''}` });
      return chain;
    }
    chain.diagnostics.push(...yaml.diagnostics, ...yaml.warnings);
    if (yaml.diagnostics.length) return chain;
    chain.layers.push(fileLayer(yaml, file));
    chain.files.push(file);
    seen.push(resolve(file));
    current = { file, yaml };
  }
}


/** The keys a spec (and so a profile) may have. */
const SPEC_KEYS = Object.keys(SpecFile.shape);

/**
 * A mapping with at least one of a spec's keys: anything else is not a profile, whatever it holds.
 * When the YAML does not read (`text` given), a line starting with a spec's key will do.
 */
function looksLikeProfile(data: unknown, text?: string): boolean {
  if (text !== undefined) return text.split('\n').some((line) => SPEC_KEYS.includes(/^([a-z_]+):/.exec(line)?.[1] ?? ''));
  return data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).some((k) => SPEC_KEYS.includes(k));
}
