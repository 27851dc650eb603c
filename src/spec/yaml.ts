// YAML to plain data with source positions. Always the YAML 1.2 core schema, even under a
// `%YAML 1.1` directive, so `NO` stays a string and 0755 is not octal.
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { formatPath, type Diagnostic } from '../errors.js';

/**
 * A place in a file. `file` is set when the place may be in another file than the spec (a profile,
 * a recipient list): diagnostics spread a position after their own `file`, so it wins.
 */
export interface Position { line: number; col: number; file?: string }

export interface ParsedYaml {
  data: unknown;
  /** Errors: when there is one, `data` is null. */
  diagnostics: Diagnostic[];
  /**
   * Warnings about how the text was read (`reference: MEW #7` loses `#7` to a comment). The data is
   * still built; callers add these to their own diagnostics.
   */
  warnings: Diagnostic[];
  /** Where a spec path points in the file: the value, or the nearest existing parent. */
  locate(path: readonly PropertyKey[], key?: boolean): Position;
  /** The text of the value at a path as written in the file, e.g. `01234` for a number. */
  sourceAt(path: readonly PropertyKey[]): string | undefined;
}

const coreTags = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/** Alias expansions allowed when building the data; more is an alias bomb ("billion laughs"). */
export const MAX_ALIASES = 100;

/** yaml's wording for the commonest indentation slip is about implicit keys; say what to check. */
const indentHint = 'a value runs on into the next line as if it were part of it; check the indentation: '
  + 'the keys of one mapping must start in the same column';
const friendly: Record<string, string> = {
  MULTILINE_IMPLICIT_KEY: indentHint,
  BLOCK_AS_IMPLICIT_KEY: indentHint,
  TAB_AS_INDENT: 'a tab is used for indentation; YAML allows only spaces',
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a second `---`); put one request in each file',
};

export function parseYaml(source: string, file: string): ParsedYaml {
  const firstOfMany = aliasBomb(source);
  if (firstOfMany !== undefined) return aliasBombFound(source, file, firstOfMany);
  const lineCounter = new LineCounter();
  // uniqueKeys off: yaml compares each key with every key before it (20,000 keys took minutes); the
  // scan below finds duplicate keys with a map.
  const doc = parseDocument(source, { schema: 'core', lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const pos = (offset: number): Position => lineCounter.linePos(offset);
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const report: Report = (rule, message, offset, path, severity = 'error') =>
    (severity === 'error' ? diagnostics : warnings)
      .push({ severity, rule, message, file, ...pos(offset), path: path?.length ? formatPath(path) : undefined });

  // Tags, duplicate keys and aliases are reported by our own walk, which knows the key names and
  // paths; yaml's own reports of them are kept only if the walk found nothing of that kind.
  const found = scan(doc, source, report, (offset) => pos(offset).line);
  const problems = [...doc.errors, ...doc.warnings];
  // A tab in the indentation throws the parser off for the lines around it: its other complaints
  // there (implicit keys, missing values) are consequences, so only the tabs are reported.
  const tabs = problems.filter((e) => e.code === 'TAB_AS_INDENT').map((e) => e.pos[0]);
  // After a `|` or `>` block yaml reads a tab-indented line as the block's text and complains of
  // indentation instead; a line indented with a tab at or before the first error is the cause.
  if (!tabs.length && doc.errors.length) {
    const firstError = Math.min(...doc.errors.map((e) => e.pos[0]));
    for (const m of source.matchAll(/^ *\t[ \t]*\S/gm)) if (m.index <= firstError) tabs.push(m.index + m[0].indexOf('\t'));
  }
  if (tabs.length) {
    diagnostics.length = 0; // what the walk found is built from the misread structure too
    const others = [...new Set(tabs.slice(1).map((o) => pos(o).line))].filter((l) => l !== pos(tabs[0]!).line);
    const also = others.length ? ` (also on line${others.length === 1 ? '' : 's'} ${others.join(', ')})` : '';
    report('yaml-syntax', `invalid YAML: ${friendly.TAB_AS_INDENT}${also}`, tabs[0]!);
  }
  const lines = new Set<number>();
  for (const e of tabs.length ? [] : problems) {
    if (e.code === 'DUPLICATE_KEY' && found.duplicates) continue;
    if (e.code === 'TAG_RESOLVE_FAILED' && found.tags) continue;
    const { line } = pos(e.pos[0]);
    if (lines.has(line)) continue; // one syntax error leads to others on the same line; show the first
    lines.add(line);
    const rule = e.code === 'MULTIPLE_DOCS' ? 'multiple-documents' : e.code === 'DUPLICATE_KEY' ? 'duplicate-key'
      : e.code === 'TAG_RESOLVE_FAILED' ? 'unknown-tag' : 'yaml-syntax';
    const colon = e.code === 'BLOCK_AS_IMPLICIT_KEY' ? colonInValue(source, e.pos[0]) : undefined;
    const message = e.code === 'MULTIPLE_DOCS' ? friendly[e.code]!
      : colon ? `invalid YAML: ${colon}`
        : friendly[e.code] ? `invalid YAML: ${friendly[e.code]}` : yamlMessage(e.message);
    report(rule, message, e.pos[0]);
  }
  diagnostics.sort((a, b) => a.line! - b.line! || a.col! - b.col!);
  warnings.sort((a, b) => a.line! - b.line! || a.col! - b.col!);

  let data: unknown = null;
  // More aliases than expansions allowed is a bomb whatever they point to; yaml's toJS would resolve
  // each of them by a walk of the whole document first.
  const bomb = found.aliases > MAX_ALIASES;
  if (diagnostics.length === 0 || bomb) {
    try {
      if (bomb) throw new RangeError('aliases');
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      data = null;
      report('alias-limit', ALIAS_BOMB, found.firstAlias ?? 0);
    }
  }
  if (diagnostics.length === 0 && (data === null || data === undefined)) {
    report('empty-spec', 'the file has no content; `oedr init` writes a starter spec', 0);
  }
  return {
    data,
    diagnostics,
    warnings: diagnostics.length ? [] : warnings,
    locate: (path, key) => locate(doc, path, key, pos),
    sourceAt: (path) => {
      const n = walk(doc, path);
      return n.found && n.node?.range ? source.slice(n.node.range[0], n.node.range[1]) : undefined;
    },
  };
}

const ALIAS_BOMB = `too many alias expansions (more than ${MAX_ALIASES}): the file looks like an alias bomb; write the values out instead of using *aliases`;

/**
 * The offset of the first alias when the file holds more aliases than expansions allowed, found by
 * yaml's lexer alone (a tenth of a full parse, whose trees for 100,000 aliases take seconds to build).
 */
function aliasBomb(source: string): number | undefined {
  // Fewer `*` than aliases allowed: no bomb, and no second lexing of every spec.
  let stars = 0;
  for (let i = source.indexOf('*'); i !== -1 && stars <= MAX_ALIASES; i = source.indexOf('*', i + 1)) stars++;
  if (stars <= MAX_ALIASES) return undefined;
  let offset = 0;
  let count = 0;
  let first: number | undefined;
  for (const token of new Lexer().lex(source)) {
    if (token[0] === '*') {
      first ??= offset;
      if (++count > MAX_ALIASES) return first;
    }
    // The lexer's control tokens (document start, scalar, flow end) stand for no source text.
    if (!(token.length === 1 && '\x02\x18\x1f'.includes(token))) offset += token.length;
  }
  return undefined;
}

function aliasBombFound(source: string, file: string, offset: number): ParsedYaml {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  const place = lineCounter.linePos(offset);
  return {
    data: null,
    diagnostics: [{ severity: 'error', rule: 'alias-limit', message: ALIAS_BOMB, file, ...place }],
    warnings: [],
    locate: () => place,
    sourceAt: () => undefined,
  };
}

/**
 * `subject: Request: for data`: yaml reports a nested mapping where the author meant text with a
 * colon in it. When the rest of the line is plain text holding `: `, say to quote it.
 */
function colonInValue(source: string, offset: number): string | undefined {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = source.indexOf('\n', offset);
  const line = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, '');
  const m = /^(\s*(?:- +)?)([^\s#'"{}[\]&*!|>-][^:#]*?):[ \t]+([^'"{}[\]&*!|>#\s].*?:(?:[ \t].*)?)\s*$/.exec(line);
  if (!m || lineStart + m[1]!.length + m[2]!.length + 1 > offset) return undefined;
  const value = m[3]!.replace(/\s+#.*$/, '');
  return `the value \`${value}\` holds ": ", which YAML reads as the start of another key; put the value in quotes: ${m[2]}: "${value.replace(/"/g, '\\"')}"`;
}

/** yaml's messages end with "at line 3, column 1" (we print the place ourselves) and some are terse. */
function yamlMessage(message: string): string {
  return 'invalid YAML: ' + message.replace(/ at line \d+, column \d+.*$/s, '').trim();
}

type Report = (rule: string, message: string, offset: number, path?: (string | number)[], severity?: 'error' | 'warning') => void;

/** ` #7` right after a plain value: YAML ends the value there, and `#7` reads like part of it. */
const COMMENT_IN_VALUE = /^[ \t]+#[^\s#]/;

/**
 * Reports non-core tags, duplicate keys, aliases without an anchor, keys that are not plain text, and
 * (as warnings) comments that cut a value short, each with its path.
 */
function scan(doc: Document, source: string, report: Report, lineOf: (offset: number) => number) {
  const found = { tags: false, duplicates: false, aliases: 0, firstAlias: undefined as number | undefined };
  // The anchors met so far, in the order of the file: yaml's own `resolve` walks the whole document
  // for each alias, quadratic in a file of 100,000 `*x`.
  const anchors = new Set<string>();
  const visit = (node: unknown, path: (string | number)[], inList = false): void => {
    if (isAlias(node)) {
      found.firstAlias ??= node.range?.[0];
      if (++found.aliases <= MAX_ALIASES && !anchors.has(node.source) && node.range) {
        report('unknown-alias', `the alias *${node.source} refers to no anchor &${node.source} defined before it`, node.range[0], path);
      }
      return;
    }
    if (!(isScalar(node) || isMap(node) || isSeq(node))) return;
    if (node.anchor) anchors.add(node.anchor);
    if (node.tag && !coreTags.has(node.tag) && node.range) {
      found.tags = true;
      const written = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      const at = source.lastIndexOf(written, node.range[0]);
      report('unknown-tag', `the tag ${written} is not allowed; write plain YAML values without tags`, at >= 0 ? at : node.range[0], path);
    }
    if (isScalar(node) && node.type === 'PLAIN' && node.range && COMMENT_IN_VALUE.test(source.slice(node.range[1], node.range[2]))) {
      report('yaml-comment-in-value', 'the value ends at ` #`: YAML reads the rest of the line as a comment; put the value in quotes to keep it',
        node.range[0], path, 'warning');
    }
    if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i], true));
    if (!isMap(node)) return;
    const seen = new Map<unknown, Node>();
    const firstKey = isScalar(node.items[0]?.key) ? node.items[0].key.value : undefined;
    let newItem = false;
    for (const pair of node.items) {
      if (pair.key !== null && !isScalar(pair.key)) {
        complexKey(pair.key as Node, path);
        continue;
      }
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const name = isScalar(pair.key) ? keyName(pair.key.value) : '';
      const first = isScalar(pair.key) ? seen.get(key) : undefined;
      if (first && isScalar(pair.key) && pair.key.range && first.range) {
        found.duplicates = true;
        // A list item whose first key comes again is, nearly always, two items with the `- ` of the
        // second missing; the keys after it that repeat belong to that item and need no message.
        if (newItem) continue;
        newItem = inList && key === firstKey;
        const hint = newItem ? '; did you mean to start a new list item with `- `?' : '; keep one';
        report('duplicate-key', `the key \`${name}\` appears twice in this ${newItem ? 'list item' : 'mapping'} (first on line ${lineOf(first.range[0])})${hint}`,
          pair.key.range[0], [...path, name]);
      } else if (isScalar(pair.key)) seen.set(key, pair.key);
      if (isScalar(pair.key) && pair.key.anchor) anchors.add(pair.key.anchor);
      if (isScalar(pair.key) && pair.key.tag) visit(pair.key, path);
      visit(pair.value, [...path, name]);
    }
  };
  // `[a, b]: x` or `? {a: 1}` is valid YAML, but a spec's keys are names; JavaScript would turn such a
  // key into the text "[ a, b ]" (and Node would print a warning about it).
  const complexKey = (key: Node, path: (string | number)[]) => {
    const what = isAlias(key) ? 'an alias (*name)' : isSeq(key) ? 'a list' : 'a mapping';
    report('complex-key', `expected a key written as plain text, such as \`subject\`; got ${what} used as a key`, key.range?.[0] ?? 0, path);
  };
  visit(doc.contents, []);
  return found;
}

/** A key as the data has it: yaml turns a null key (`~:`, `null:`) into '', not 'null'. */
const keyName = (value: unknown) => (value === null || value === undefined ? '' : String(value));

interface Walked { node: Node | null; keyNode: Node | null; found: boolean }

/** Each mapping's pairs by key (the first of equal keys), made on the first look-up: a place is then found in constant time per step. */
const pairsByKey = new WeakMap<object, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let pairs = pairsByKey.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !pairs.has(keyName(p.key.value))) pairs.set(keyName(p.key.value), p as Pair);
    pairsByKey.set(map, pairs);
  }
  return pairs.get(key);
}

function walk(doc: Document, path: readonly PropertyKey[]): Walked {
  let node = doc.contents as Node | null;
  let keyNode: Node | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = pairOf(node, String(seg));
      if (!pair) return { node, keyNode, found: false };
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      keyNode = null;
      node = node.items[seg] as Node;
    } else {
      return { node, keyNode, found: false };
    }
  }
  return { node, keyNode, found: true };
}

function locate(doc: Document, path: readonly PropertyKey[], key: boolean | undefined, pos: (o: number) => Position): Position {
  const w = walk(doc, path);
  // A missing key is reported at the key that holds its mapping (`letter:`), else at the mapping;
  // an empty value (`needed_by:` and nothing after it) at its key.
  const empty = isScalar(w.node) && w.node.range && w.node.range[0] === w.node.range[1];
  const target = (key || !w.found || empty) && w.keyNode ? w.keyNode : w.node;
  return target?.range ? pos(target.range[0]) : { line: 1, col: 1 };
}
