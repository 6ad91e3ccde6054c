/** A stretch of a document's clean text that becomes a passage, as the stages hand it on. */
import type { PassageKind } from '../../common/contract';

export interface Segment {
  kind: PassageKind;
  speaker: string | null;
  /** Offsets in the document's clean text, before trimming. */
  start: number;
  end: number;
}

/** Where a segment's passage starts and ends: whitespace and dangling punctuation trimmed. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,;:]/.test(text[start] as string)) start++;
  while (end > start && /[\s,;]/.test(text[end - 1] as string)) end--;
  return [start, end];
}
