/**
 * E-mail (.eml) and mailboxes (.mbox, one document per message) through postal-mime:
 * Subject → title, Date → date, From → source; the text part, else the HTML part's main
 * text. Attachments of a type Dictum reads become documents of their own, linked to their
 * message; bigger ones than the budget allows are listed in a warning.
 */
import PostalMime from 'postal-mime';
import type { RawDoc } from '../../extract/document';
import { normalizeDate } from '../../extract/dates';
import { emptyRawDoc, formatOf, isBinaryFormat, readHtml, readText } from '../../extract/formats';
import { messageParagraphs, splitMbox } from '../../extract/readers/emailText';
import { FormatReadError, type ReadBudget } from './budget';

/** Reads attachments of binary formats (given by the dispatcher, to avoid a cycle). */
export type AttachmentReader = (path: string, bytes: Uint8Array) => Promise<RawDoc[]>;

export interface EmailRead {
  raws: RawDoc[];
  warnings: string[];
}

const decoder = new TextDecoder();

async function readMessage(
  path: string,
  source: string | Uint8Array,
  mtimeMs: number,
  record: number | undefined,
  budget: ReadBudget,
  readAttachment: AttachmentReader,
  out: EmailRead,
): Promise<void> {
  const mail = await PostalMime.parse(source, { attachmentEncoding: 'arraybuffer' });
  const doc = emptyRawDoc(path, mtimeMs, record);
  doc.title = mail.subject?.trim() || null;
  doc.date = normalizeDate(mail.date ?? null);
  const from = mail.from && 'address' in mail.from ? mail.from : null;
  doc.source = from ? from.name || from.address || null : null;
  let paragraphs = mail.text ? messageParagraphs(mail.text) : [];
  if (paragraphs.length === 0 && mail.html) {
    paragraphs = (readHtml(path, mail.html, mtimeMs)[0]?.paragraphs ?? []).map((p) => p.text);
    paragraphs = messageParagraphs(paragraphs.join('\n\n'));
  }
  doc.paragraphs = paragraphs.map((text) => ({ text }));
  doc.news = true;
  if (paragraphs.length > 0) out.raws.push(doc);
  for (const [i, a] of mail.attachments.entries()) {
    const name = a.filename ?? `attachment-${i + 1}`;
    const format = formatOf(name);
    if (!format || format === 'eml' || format === 'mbox') continue;
    const bytes = a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : typeof a.content === 'string' ? new TextEncoder().encode(a.content) : a.content;
    if (bytes.length > budget.maxAttachmentBytes) {
      out.warnings.push(`attachment ${name} not read: ${Math.round(bytes.length / 1048576)} MB, over the limit of ${Math.round(budget.maxAttachmentBytes / 1048576)} MB`);
      continue;
    }
    const attachedPath = `${path}#${record === undefined ? '' : `${record}/`}${name}`;
    try {
      const docs = isBinaryFormat(format) ? await readAttachment(attachedPath, bytes) : format === 'text' || format === 'markdown' ? readText(attachedPath, decoder.decode(bytes), mtimeMs) : format === 'html' ? readHtml(attachedPath, decoder.decode(bytes), mtimeMs) : [];
      for (const d of docs) {
        d.attachedTo = doc.id;
        d.date ??= doc.date;
        d.source ??= doc.source;
        out.raws.push(d);
      }
    } catch (e) {
      out.warnings.push(`attachment ${name} not read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

export async function readEmail(
  format: 'eml' | 'mbox',
  path: string,
  bytes: Uint8Array,
  mtimeMs: number,
  budget: ReadBudget,
  readAttachment: AttachmentReader,
): Promise<EmailRead> {
  const out: EmailRead = { raws: [], warnings: [] };
  if (format === 'eml') await readMessage(path, bytes, mtimeMs, undefined, budget, readAttachment, out);
  else {
    const messages = splitMbox(decoder.decode(bytes));
    for (const [i, m] of messages.entries()) {
      if (Date.now() > budget.deadline) {
        out.warnings.push(`partly read: time budget used up after ${i} of ${messages.length} messages`);
        break;
      }
      await readMessage(path, m, mtimeMs, i, budget, readAttachment, out);
    }
  }
  if (out.raws.length === 0) throw new FormatReadError('no message with text');
  return out;
}
