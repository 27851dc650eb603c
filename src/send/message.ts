// One drafted letter as an email: the letter's text as the body (in the letter's language), the PDF
// and the data contract files attached, the requester in From or Reply-To. The Message-ID comes from
// the letter's bytes, so the same letter always carries the same id, and the ledger can recognise it.
import { sha256 } from '../hash.js';
import type { RequestSpec } from '../spec/schema.js';

export interface Attachment { path: string; filename: string; sha256: string; contentType: string }

export interface OutgoingLetter {
  name: string;
  spec: RequestSpec;
  /** The letter as plain text. */
  body: string;
  attachments: Attachment[];
}

export interface MailFields {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  attachments: { path: string; filename: string; contentType: string }[];
  headers: Record<string, string>;
}

/** `<1a2b….results-2027-nairobi@openpollswatch.example>`: from the attachments' hashes and the letter's name. */
export function messageId(letter: OutgoingLetter): string {
  const domain = letter.spec.requester.email.split('@').pop()!;
  const id = sha256(letter.attachments.map((a) => a.sha256).join('\n') + '\n' + letter.name).slice(0, 24);
  return `<${id}.${letter.name}@${domain}>`;
}

export function mailFields(letter: OutgoingLetter, from: string | undefined): MailFields {
  const { spec } = letter;
  const requester = `"${spec.requester.organisation.replace(/["\\]/g, '')}" <${spec.requester.email}>`;
  const to = spec.recipient.email!;
  const person = [spec.recipient.person, spec.recipient.institution].filter(Boolean).join(', ').replace(/["\\]/g, '');
  return {
    from: from ?? requester,
    // Answers go to the requester even when the mail leaves through another account.
    ...(from && from !== spec.requester.email ? { replyTo: requester } : {}),
    to: `"${person}" <${to}>`,
    subject: spec.letter.reference ? `${spec.letter.subject} [${spec.letter.reference}]` : spec.letter.subject,
    text: letter.body,
    messageId: messageId(letter),
    attachments: letter.attachments.map(({ path, filename, contentType }) => ({ path, filename, contentType })),
    headers: { 'X-Oedr-Letter': letter.name },
  };
}

export const contentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};
