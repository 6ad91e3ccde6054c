/**
 * Lines of a transcript that place and time it rather than say anything: "NATO Headquarters
 * Brussels, Belgium", "12:42 P.M. PST", "END 1:05 P.M. EST". They are left out of the
 * statements (under the reason "dateline"), so they neither stand as narrative nor run on in
 * the last speaker's turn.
 */

/** A clock time, maybe with its zone, maybe closing the transcript ("END 1:05 P.M. EST"). */
const TIME_LINE =
  /^(?:END\b[\s.]*)?(?:\d{1,2}:\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?(?:\s+(?:[A-Z]{2,5}|local(?: time)?))?\.?)?$/;

/** Lower-case words a place line may hold ("Aboard Air Force One En Route Columbus, Ohio"). */
const CONNECTORS = new Set(['of', 'the', 'and', 'de', 'en', 'at', 'in', 'on', 'du', 'la', 'le', 'del']);

/** Whether a paragraph is a time line (anywhere in a transcript). */
export function isTimeLine(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 40 && TIME_LINE.test(t);
}

/**
 * Whether a paragraph before a transcript's first turn is a place line: at most 8 words, each
 * capitalised (or a small connector), no sentence end except an abbreviation ("D.C."), no
 * quotation marks.
 */
export function isPlaceLine(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 80 || /["“”]/.test(t)) return false;
  if (/[!?;:]/.test(t) || (/\.$/.test(t) && !/\b\p{Lu}\.(?:\p{Lu}\.)+$/u.test(t))) return false;
  const words = t.split(/[\s,]+/).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > 8) return false;
  return words.every((w) => /^[\p{Lu}\d]/u.test(w) || CONNECTORS.has(w));
}
