// Where `oedr send` sends through: SMTP settings from the environment or a settings file kept outside
// the repository (it holds a password), and nodemailer, loaded only when a message goes out. Every
// way a send can fail becomes one sentence that says what to check.
import { existsSync } from 'node:fs';
import { readRegularSync } from '../read-file.js';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ExitCode, fail } from '../errors.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** The From address; the requester's email is then Reply-To. */
  from?: string;
  /** For connection, greeting and each reply. */
  timeoutMs: number;
  /** Where the settings came from, for messages. */
  source: string;
}

type Env = Record<string, string | undefined>;

/** The default settings file: $XDG_CONFIG_HOME/oedr/smtp.json, else ~/.config/oedr/smtp.json. */
export const defaultSettingsFile = (env: Env) => join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'oedr', 'smtp.json');

/**
 * Settings from OEDR_SMTP_URL or OEDR_SMTP_HOST (with _PORT, _USER, _PASS, _SECURE, _FROM), else from
 * the settings file. The environment wins, so CI can use its secrets.
 */
export function smtpSettings(env: Env, file?: string): SmtpSettings {
  const timeoutMs = Math.max(1, Number(env.OEDR_SMTP_TIMEOUT ?? 30)) * 1000;
  if (env.OEDR_SMTP_URL) return fromUrl(env.OEDR_SMTP_URL, env, timeoutMs);
  if (env.OEDR_SMTP_HOST) {
    return fromFields({ host: env.OEDR_SMTP_HOST, port: env.OEDR_SMTP_PORT, secure: env.OEDR_SMTP_SECURE, user: env.OEDR_SMTP_USER, pass: env.OEDR_SMTP_PASS, from: env.OEDR_SMTP_FROM }, 'the OEDR_SMTP_* variables', timeoutMs);
  }
  const path = file ?? defaultSettingsFile(env);
  if (!file && !existsSync(path)) {
    fail(ExitCode.usage, 'smtp-settings', `no SMTP settings: set OEDR_SMTP_URL (smtp://user:password@host:587) or OEDR_SMTP_HOST and its companions, or write ${path}; or use --dry-run to write .eml files for your mail program`);
  }
  refuseInRepository(path);
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readRegularSync(path).toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    return fail(ExitCode.input, 'smtp-settings', `cannot read the SMTP settings: ${(e as Error).message}; expected JSON such as {"host": "smtp.example.org", "port": 587, "user": "…", "pass": "…"}`, { file: path });
  }
  const str = (k: string) => (typeof data[k] === 'string' || typeof data[k] === 'number' || typeof data[k] === 'boolean' ? String(data[k]) : undefined);
  return fromFields({ host: str('host'), port: str('port'), secure: str('secure'), user: str('user'), pass: str('pass'), from: str('from') }, path, timeoutMs);
}

function fromUrl(text: string, env: Env, timeoutMs: number): SmtpSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(ExitCode.usage, 'smtp-settings', 'OEDR_SMTP_URL is not a URL; expected smtp://user:password@host:587 or smtps://…:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') fail(ExitCode.usage, 'smtp-settings', `OEDR_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  return fromFields({
    host: url.hostname, port: url.port || undefined, secure: url.protocol === 'smtps:' ? 'true' : 'false',
    user: url.username ? decodeURIComponent(url.username) : undefined, pass: url.password ? decodeURIComponent(url.password) : undefined, from: env.OEDR_SMTP_FROM,
  }, 'OEDR_SMTP_URL', timeoutMs);
}

function fromFields(f: Record<'host' | 'port' | 'secure' | 'user' | 'pass' | 'from', string | undefined>, source: string, timeoutMs: number): SmtpSettings {
  if (!f.host) fail(ExitCode.usage, 'smtp-settings', `${source}: no SMTP host`);
  const secure = f.secure === 'true' || f.secure === '1';
  const port = f.port === undefined ? (secure ? 465 : 587) : Number(f.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(ExitCode.usage, 'smtp-settings', `${source}: the SMTP port must be a number from 1 to 65535, not ${JSON.stringify(f.port)}`);
  return { host: f.host, port, secure, ...(f.user ? { user: f.user } : {}), ...(f.pass ? { pass: f.pass } : {}), ...(f.from ? { from: f.from } : {}), timeoutMs, source };
}

/** A password in a file that git may commit ends up in the history for good. */
function refuseInRepository(file: string): void {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) {
      fail(ExitCode.usage, 'smtp-settings-in-repository', `the SMTP settings file is inside a git repository (${dir}); keep it outside, e.g. in ${join('~', '.config', 'oedr', 'smtp.json')}, or use the OEDR_SMTP_* variables`, { file });
    }
    if (dirname(dir) === dir) return;
  }
}

/** What nodemailer said, as what to check. */
export function sendFailure(e: unknown, s: SmtpSettings, to: string): string {
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  const server = `${s.host}:${s.port}`;
  switch (err.code) {
    case 'EAUTH': return `the SMTP server ${server} refused the login${err.response ? ` (${err.response})` : ''}; check the user and password (${s.source})`;
    case 'ETIMEDOUT': return `no answer from ${server} within ${s.timeoutMs / 1000} s; check the host and port, or raise OEDR_SMTP_TIMEOUT`;
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS': return `cannot connect to the SMTP server ${server}: ${err.message ?? 'connection failed'}`;
    case 'EENVELOPE': return `the SMTP server refused to send to ${to}${err.response ? `: ${err.response}` : ''}`;
    case 'EMESSAGE': return `the SMTP server refused the message${err.response ? `: ${err.response}` : ''}`;
    case 'ETLS': return `the TLS connection to ${server} failed: ${err.message ?? ''}`;
    default: return `sending through ${server} failed: ${err.response ?? err.message ?? String(e)}`;
  }
}
