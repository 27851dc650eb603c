// Where the CLI writes, and in which colours. Commands get an Io so tests can capture output.
import { Chalk, type ChalkInstance } from 'chalk';
import { formatDiagnostic, type Diagnostic } from '../errors.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: ChalkInstance;
  /** True when stderr is a terminal (progress display). */
  interactive: boolean;
}

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org). */
export function processIo(): Io {
  const env = process.env;
  const tty = Boolean(process.stderr.isTTY);
  const level = env.NO_COLOR ? 0 : env.FORCE_COLOR && env.FORCE_COLOR !== '0' ? 1 : tty ? 1 : 0;
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    color: new Chalk({ level }),
    interactive: tty,
  };
}

export function printDiagnostic(io: Io, d: Diagnostic): void {
  const text = formatDiagnostic(d);
  const c = io.color;
  io.err(d.severity === 'error' ? text.replace(/ \[([^\]]+)\]$/, (_m, r) => ' ' + c.dim(`[${r}]`))
    .replace(/^([^:]*(?::\d+:\d+)?)/, (m) => c.bold(m))
    : c.yellow(text));
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
