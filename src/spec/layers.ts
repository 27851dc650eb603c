// Merging a spec with its profiles while remembering where each value came from, so that a
// diagnostic about a value from `_profile.yaml` points into `_profile.yaml`, not into the spec.
import type { ParsedYaml, Position } from './yaml.js';

type Path = readonly PropertyKey[];

/** One source of values: a file's parsed YAML, or a part of one. `locate` names its file. */
export interface Layer {
  data: unknown;
  locate(path: Path, key?: boolean): Position;
  sourceAt(path: Path): string | undefined;
}

/** A parsed file as a layer whose positions carry the file's name. */
export function fileLayer(yaml: ParsedYaml, file: string): Layer {
  return {
    data: yaml.data,
    locate: (path, key) => ({ ...yaml.locate(path, key), file }),
    sourceAt: (path) => yaml.sourceAt(path),
  };
}

type Obj = Record<string, unknown>;
const isMapping = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const child = (v: unknown, seg: PropertyKey): unknown => {
  if (Array.isArray(v)) return typeof seg === 'number' ? v[seg] : undefined;
  return isMapping(v) && Object.hasOwn(v, String(seg)) ? v[String(seg)] : undefined;
};

/**
 * The merge rule, for values given in order of priority (the spec first): mappings merge key by
 * key, recursively; anything else (a list, text, a number) from the first layer that has it
 * replaces the others' whole. So the layers that contribute to a value are the first one and,
 * if it is a mapping, the mappings that follow it without a break.
 */
function contributors<T extends { v: unknown }>(defined: T[]): T[] {
  if (!defined.length || !isMapping(defined[0]!.v)) return defined.slice(0, 1);
  const run: T[] = [];
  for (const d of defined) {
    if (!isMapping(d.v)) break;
    run.push(d);
  }
  return run;
}

function mergeValues(values: unknown[]): unknown {
  const from = contributors(values.filter((v) => v !== undefined).map((v) => ({ v })));
  if (from.length < 2) return from[0]?.v;
  const out: Obj = {};
  const keys = [...new Set(from.flatMap(({ v }) => Object.keys(v as Obj)))];
  for (const key of keys) {
    // defineProperty: a key named `__proto__` stays a key instead of replacing the prototype.
    Object.defineProperty(out, key, {
      value: mergeValues(from.map(({ v }) => child(v, key))), enumerable: true, writable: true, configurable: true,
    });
  }
  return out;
}

function withoutKeys(data: unknown, omit: readonly string[]): unknown {
  if (!isMapping(data) || !omit.some((k) => Object.hasOwn(data, k))) return data;
  const out: Obj = {};
  for (const [k, v] of Object.entries(data)) {
    if (!omit.includes(k)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Layers in order of priority -> one ParsedYaml-shaped view: the merged data, and `locate` /
 * `sourceAt` that answer from the layer each value came from. `omit` drops top-level keys that
 * are instructions to the loader (`extends`), not part of the letter.
 */
export function mergeLayers(layers: readonly Layer[], omit: readonly string[] = []): ParsedYaml {
  const datas = layers.map((l) => withoutKeys(l.data, omit));
  const data = datas.length === 1 ? datas[0] : mergeValues(datas);

  /** The layer a path's value comes from, or (when nothing is there) the one holding its nearest parent. */
  const origin = (path: Path): { layer: Layer; found: boolean } => {
    let from = contributors(datas.map((v, i) => ({ v, i })).filter((d) => d.v !== undefined));
    if (!from.length) return { layer: layers[0]!, found: false };
    for (const seg of path) {
      const next = from.map((d) => ({ v: child(d.v, seg), i: d.i })).filter((d) => d.v !== undefined);
      if (!next.length) return { layer: layers[from[0]!.i]!, found: false };
      from = contributors(next);
    }
    return { layer: layers[from[0]!.i]!, found: true };
  };
  return {
    data,
    diagnostics: [],
    warnings: [],
    locate: (path, key) => origin(path).layer.locate(path, key),
    sourceAt: (path) => {
      const o = origin(path);
      return o.found ? o.layer.sourceAt(path) : undefined;
    },
  };
}
