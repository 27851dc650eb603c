// Where the CLI writes, and in which colours. Commands get an Io so tests can capture output.
import { Chalk, type ChalkInstance } from 'chalk';
import { printable } from '../characters.js';
import { formatDiagnostic, type Diagnostic } from '../errors.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /**
   * Colours for either stream. Commands colour stdout (summaries, tables) and stderr (diagnostics)
   * with this one instance, so it is on only when every stream it may reach is a terminal: piping
   * stdout into a file must never put escape codes in the file, even when stderr is a terminal.
   */
  color: ChalkInstance;
  /** True when stderr is a terminal (progress display). */
  interactive: boolean;
  /** True when stdout is a terminal: tables may be fitted to its width. */
  outTerminal?: boolean;
  /** Width of the stdout terminal in columns, when it is one. */
  columns?: number;
  /** Where questions are asked (`oedr init --interactive`): the terminal, when stdin is one. */
  prompt?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

/** Which streams are terminals and what the environment says, as plain data so the rule is testable. */
export interface Terminal {
  stdoutTTY: boolean;
  stderrTTY: boolean;
  env: Record<string, string | undefined>;
}

/**
 * Colour level for output that may go to both streams: never with NO_COLOR (https://no-color.org),
 * always with FORCE_COLOR, else only when stdout and stderr are both terminals.
 */
export function colorLevel(t: Terminal): 0 | 1 {
  if (t.env.NO_COLOR) return 0;
  if (t.env.FORCE_COLOR && t.env.FORCE_COLOR !== '0') return 1;
  return t.stdoutTTY && t.stderrTTY ? 1 : 0;
}

/**
 * `oedr templates | head`: the reader closes the pipe early and the next write fails with EPIPE,
 * which Node raises as an unhandled 'error' event (a stack trace). The reader has all it wanted, so
 * stop quietly, as `cat` would. Any other failure (`oedr schema > /dev/full`: ENOSPC, EIO) means
 * the output is lost: say so and exit 3, as for a file that cannot be written.
 */
let quietOnClosedPipe = false;
function stopOnClosedPipe(): void {
  if (quietOnClosedPipe) return;
  quietOnClosedPipe = true;
  for (const [stream, name] of [[process.stdout, 'standard output'], [process.stderr, 'standard error']] as const) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (stream === process.stdout) {
        try { process.stderr.write(`oedr: cannot write to ${name}: ${writeReason(e)}; the output is incomplete [write-failed]\n`); } catch { /* nowhere left to say it */ }
      }
      process.exit(3);
    });
  }
}

const writeReasons: Record<string, string> = { ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is used up', EIO: 'an input/output error', EBADF: 'it is closed', EACCES: 'permission denied' };
const writeReason = (e: NodeJS.ErrnoException) => `${(e.code && writeReasons[e.code]) ?? e.message}${e.code ? ` (${e.code})` : ''}`;

export function processIo(): Io {
  stopOnClosedPipe();
  const stdoutTTY = Boolean(process.stdout.isTTY);
  const stderrTTY = Boolean(process.stderr.isTTY);
  const level = colorLevel({ stdoutTTY, stderrTTY, env: process.env });
  // Every line passes printable(): whatever a message was built from, no control character from an
  // input reaches the terminal (values are also escaped where they are put into messages).
  const line = (t: string) => printable(t.endsWith('\n') ? t : t + '\n', level > 0);
  return {
    out: (t) => process.stdout.write(line(t)),
    err: (t) => process.stderr.write(line(t)),
    color: new Chalk({ level }),
    interactive: stderrTTY,
    outTerminal: stdoutTTY,
    columns: stdoutTTY ? process.stdout.columns : undefined,
    ...(process.stdin.isTTY && stdoutTTY ? { prompt: { input: process.stdin, output: process.stdout } } : {}),
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
