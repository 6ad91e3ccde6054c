/**
 * E-mail bodies as text to read: quoted replies, signatures and unsubscribe footers left
 * out; an mbox file split into its messages. Pure: the MIME parsing is in main/corpus.
 */
import { splitParagraphs } from '../formats';

const REPLY_HEADER = /^(?:On .{4,200} wrote:|-{2,} ?Original Message ?-{2,}|_{10,}|From: .+ Sent: .+)$/i;
const FOOTER =
  /\b(?:unsubscribe|opt[ -]out|manage (?:your )?(?:e-?mail )?(?:preferences|subscription)|you (?:are )?receiv(?:ed|ing) this (?:e-?mail|message)|update your preferences)\b/i;

/** The new text of a message: stops at a quoted reply or a signature; drops `>` lines and footers. */
export function messageParagraphs(body: string): string[] {
  const kept: string[] = [];
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const trimmed = line.trim();
    if (line === '-- ' || line === '--' || REPLY_HEADER.test(trimmed)) break;
    if (/^>/.test(trimmed)) continue;
    kept.push(line);
  }
  const paragraphs = splitParagraphs(kept.join('\n'));
  // footers sit at the end: drop trailing paragraphs that are about the mailing itself
  while (paragraphs.length > 0 && FOOTER.test(paragraphs[paragraphs.length - 1] as string)) paragraphs.pop();
  return paragraphs;
}

/** The messages of an mbox file: split at each `From ` line that follows a blank line. */
export function splitMbox(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const messages: string[] = [];
  let current: string[] | null = null;
  lines.forEach((line, i) => {
    if (line.startsWith('From ') && (i === 0 || lines[i - 1] === '')) {
      if (current) messages.push(current.join('\n'));
      current = [];
      return;
    }
    // ">From " in a body is an escaped "From "
    current?.push(line.replace(/^>(>*From )/, '$1'));
  });
  if (current) messages.push((current as string[]).join('\n'));
  return messages.filter((m) => m.trim().length > 0);
}
