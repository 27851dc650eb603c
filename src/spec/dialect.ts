// The effective file format of a dataset: the spec's choices with the guide's defaults filled in.
// One place, so that letters, rules and (later) `oedr check` agree on what was asked for.
import { delimitedFormats, textFormats, type Format } from './vocab.js';

export interface Dialect {
  format: Format;
  delimited: boolean;
  /** Undefined for formats that are not text (XLSX, ODS, shapefile). */
  encoding?: string;
  delimiter?: string;
  textQualifier?: string;
  decimalSeparator: string;
  headerRow?: boolean;
}

interface DialectInput {
  format?: Format;
  encoding?: string;
  delimiter?: string;
  text_qualifier?: string;
  decimal_separator?: string;
  header_row?: boolean;
}

export function effectiveDialect(d: DialectInput): Dialect {
  const format = d.format ?? 'csv';
  const delimited = delimitedFormats.includes(format);
  return {
    format,
    delimited,
    encoding: textFormats.includes(format) ? (d.encoding ?? 'UTF-8') : d.encoding,
    delimiter: delimited ? (d.delimiter ?? (format === 'tsv' ? '\t' : ',')) : undefined,
    textQualifier: delimited ? (d.text_qualifier ?? '"') : undefined,
    decimalSeparator: d.decimal_separator ?? '.',
    headerRow: delimited ? (d.header_row ?? true) : undefined,
  };
}
