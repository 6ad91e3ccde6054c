/**
 * A citation of one statement, as the user pastes it into a text:
 * `"quote" — Speaker, Source, "Title", Date`. Parts that are unknown are left out.
 */
import { dateLabel } from './histogram';

export interface CitationParts {
  quote: string;
  speaker: string | null;
  source: string | null;
  title: string | null;
  date: string | null;
}

const MAX_QUOTE = 600;

export function formatCitation(parts: CitationParts): string {
  let quote = parts.quote.replace(/\s+/g, ' ').trim();
  // The statement's own quotation marks would double up with the citation's.
  quote = quote.replace(/^["“”]+|["“”]+$/g, '').trim();
  if (quote.length > MAX_QUOTE) quote = `${quote.slice(0, MAX_QUOTE).replace(/\s+\S*$/, '')} …`;
  const title = parts.title?.trim() || null;
  const source = parts.source?.trim() || null;
  const who = [
    parts.speaker?.trim() || null,
    source,
    title && title !== source ? `“${title}”` : null,
    parts.date ? dateLabel(parts.date) : null,
  ].filter((x): x is string => x !== null);
  return who.length > 0 ? `"${quote}" — ${who.join(', ')}` : `"${quote}"`;
}
