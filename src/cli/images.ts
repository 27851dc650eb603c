// Reads and checks the pictures a spec names (logo, letterhead, signatures) and its reference DOCX for `draft`: each file
// relative to the YAML file that names it (the spec or its profile), each problem an error at that
// value's line and column, and each file's bytes hashed so the manifest covers them.
import { besides, type SourceFile } from '../spec/profile.js';
import type { Diagnostic } from '../errors.js';
import { formatPath } from '../errors.js';
import { sha256 } from '../hash.js';
import { readFault, readRegularSync } from '../read-file.js';
import { checkImage } from '../images.js';
import type { Image } from '../document.js';
import type { LetterImages } from '../compose/frame.js';
import type { RequestSpec } from '../spec/schema.js';
import type { ParsedYaml } from '../spec/yaml.js';

export interface ReadImages {
  images: LetterImages;
  sources: SourceFile[];
  diagnostics: Diagnostic[];
}

type Picture = { file: string; alt?: string };

/** A reference DOCX may be larger than a picture (it can hold fonts and images of its own). */
const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;

export async function readLetterImages(spec: RequestSpec, yaml: ParsedYaml, specFile: string): Promise<ReadImages> {
  const out: ReadImages = { images: {}, sources: [], diagnostics: [] };
  const rq = spec.requester;
  /** The file's bytes, hashed into `sources`; or undefined, with an error at the value naming it. */
  const load = (named: string, path: (string | number)[], what: string, check: (b: Uint8Array) => string | undefined) => {
    const at = yaml.locate(path);
    const file = besides(at.file ?? specFile, named);
    const where = { severity: 'error' as const, rule: 'image', file: at.file ?? specFile, line: at.line, col: at.col, path: formatPath(path) };
    let bytes: Uint8Array;
    try {
      // Regular files only (a FIFO would hang the run); a fault keeps its rule, so it exits 3 like other unreadable inputs.
      bytes = new Uint8Array(readRegularSync(file, { what: what === 'image' ? 'PNG or JPEG file' : 'DOCX file' }));
    } catch (e) {
      const d = readFault(e, file).diagnostics[0]!;
      out.diagnostics.push({ ...where, rule: d.rule, message: `cannot read the ${what} "${named}": ${d.message}` });
      return undefined;
    }
    const problem = check(bytes);
    if (problem) {
      out.diagnostics.push({ ...where, message: `the ${what} "${named}" cannot be used: ${problem}` });
      return undefined;
    }
    if (!out.sources.some((s) => s.file === file)) out.sources.push({ file, sha256: sha256(bytes) });
    return bytes;
  };
  const read = (pic: Picture | undefined, path: (string | number)[], alt: string) => {
    if (!pic) return undefined;
    let image: Image | undefined;
    load(pic.file, [...path, 'file'], 'image', (bytes) => {
      const checked = checkImage(bytes, pic.alt ?? alt);
      if (typeof checked === 'string') return checked;
      image = checked;
      return undefined;
    });
    return image;
  };
  let docxReference: Uint8Array | undefined;
  if (rq.reference_docx) {
    const { referenceProblem } = await import('../writers/docx-reference.js');
    docxReference = load(rq.reference_docx, ['requester', 'reference_docx'], 'reference document',
      (b) => (b.length > MAX_REFERENCE_BYTES ? `it is ${b.length} bytes; at most 10 MB are allowed` : referenceProblem(b)));
  }
  const logo = read(rq.logo, ['requester', 'logo'], '');
  const letterhead = read(rq.letterhead, ['requester', 'letterhead'], '');
  const signatures = [
    read(rq.signatory.signature, ['requester', 'signatory', 'signature'], `Signature of ${rq.signatory.name}`),
    ...rq.co_signers.map((c, i) => read(c.signatory?.signature, ['requester', 'co_signers', i, 'signatory', 'signature'], `Signature of ${c.signatory?.name ?? c.organisation}`)),
  ];
  out.images = {
    ...(logo ? { logo } : {}),
    ...(letterhead ? { letterhead } : {}),
    ...(signatures.some(Boolean) ? { signatures } : {}),
    ...(docxReference ? { docxReference } : {}),
  };
  return out;
}
