/**
 * Sentence boundaries of a statement, for quoting the sentences that hold a hit. Built on
 * `Intl.Segmenter` (Unicode sentence breaks), which splits after every period; the breaks
 * it makes after abbreviations ("Mr.", "U.S.", "Gen.") and before a lower-case continuation
 * ("…?" he asked) are joined back.
 */

/** Offsets `[start, end)` of one sentence in the text, trailing spaces excluded. */
export type Span = [number, number];

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'gen',
  'sen',
  'rep',
  'gov',
  'prof',
  'jr',
  'sr',
  'vs',
  'no',
  'lt',
  'col',
  'capt',
  'sgt',
  'maj',
  'adm',
  'rev',
  'hon',
  'pres',
  'amb',
  'dept',
  'inc',
  'co',
  'corp',
  'ltd',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'approx',
  'etc',
  'e.g',
  'i.e',
]);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** True when the segment ends with an abbreviation rather than the end of a sentence. */
function endsWithAbbreviation(segment: string): boolean {
  const m = /(?:^|[\s("“])([\p{L}.]+)\.\s*$/u.exec(segment);
  if (!m) return false;
  const word = m[1]!.toLowerCase();
  // one letter ("J." in "Joseph R. Biden") or letters with inner periods ("U.S.", "a.m")
  return TITLES.has(word) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}?$/u.test(word);
}

export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const start = index + (segment.length - segment.trimStart().length);
    const end = index + segment.trimEnd().length;
    if (end <= start) continue;
    const last = spans[spans.length - 1];
    const continues =
      last !== undefined &&
      (endsWithAbbreviation(text.slice(last[0], last[1])) || /^[\p{Ll},;:)”’]/u.test(text[start]!));
    if (continues) last[1] = end;
    else spans.push([start, end]);
  }
  return spans;
}
