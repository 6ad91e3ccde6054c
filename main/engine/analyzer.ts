/**
 * Text analysis for English news, used identically when indexing and when searching:
 * lower case, diacritics folded (`Zelenskyy`, `Erdoğan` → `erdogan`), possessives dropped
 * (`Putin's` → `putin`), other apostrophes removed (`don't` → `dont`), acronyms with dots
 * joined (`U.S.` → `us`), digit groups kept whole (`1,000` → `1000`, `2.5`), hyphenated
 * words indexed as their parts and, for short compounds, also joined (`e-mail` → `e`,
 * `mail`, `email`). Stop words are not indexed; phrases still see them (phrases are
 * verified against the passage text).
 */

export interface Token {
  /** The normalised term. */
  term: string;
  /** Character offsets in the analysed text. */
  start: number;
  end: number;
  /** True when the term is a stop word (not indexed). */
  stop: boolean;
  /** True for the joined form of a hyphenated word, emitted after its parts. */
  extra: boolean;
}

/**
 * Common English function words. Kept short on purpose: `us` (the United States), `who`
 * (the organisation), `new`, `no`, `not` and numbers carry meaning in news and stay searchable.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by did do does for from had has have he her hers him his i ' +
    'if in into is it its me my of on or our ours she so than that the their theirs them then there ' +
    'these they this those to was we were what when where which while will with would you your yours ' +
    'can could should shall may might must am also just about over such only very s t'
  ).split(' '),
);

const ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;
const NON_ASCII = /[^ -~\t\n\r]/;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['\u2019\u02bc]/g;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Per UTF-16 code unit: 1 = part of a word, 2 = not, 0 = not classified yet. */
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;
}
// Surrogates: characters outside the BMP (emoji, rare scripts) separate words.
for (let c = 0xd800; c <= 0xdfff; c++) CLASS[c] = 2;

function isWord(c: number): boolean {
  let k = CLASS[c]!;
  if (k === 0) {
    k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    CLASS[c] = k;
  }
  return k === 1;
}

const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019 || c === 0x2bc;

/** Lower case and fold diacritics; a fast path keeps ASCII text untouched. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/đ/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe');
}

function normalizePart(part: string): string {
  // Possessive 's (and a bare trailing apostrophe: "leaders'") go; other apostrophes join.
  let p = part.replace(/['\u2019\u02bc]s$/iu, '').replace(/['\u2019\u02bc]$/u, '');
  p = p.replace(APOSTROPHES, '');
  if (/^\p{N}[\p{N},.]*$/u.test(p)) p = p.replace(/,/g, '');
  return fold(p);
}

const F_UPPER = 1;
const F_OTHER = 2;

/**
 * Splits text into tokens with offsets. `emit` is called for every token in order; with
 * `plain`, words of ASCII letters and digits are given as a range of `text` instead (their
 * term is the range in lower case), which lets the indexer skip making strings. A word is
 * a run of letters, digits and marks, joined by an apostrophe, a dot or comma, or a hyphen
 * when a word character follows. Plain ASCII words (the vast majority) take a fast path
 * without regular expressions; everything else goes through `normalizePart`.
 */
export function forEachToken(
  text: string,
  emit: (term: string, start: number, end: number, extra: boolean) => void,
  plain?: (text: string, start: number, end: number) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isWord(c)) {
      i++;
      continue;
    }
    const start = i;
    let flags = 0;
    while (i < n) {
      c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        i++;
      } else if (c >= 65 && c <= 90) {
        flags |= F_UPPER;
        i++;
      } else if (c >= 128 && isWord(c)) {
        flags |= F_OTHER;
        i++;
      } else if (
        (isApostrophe(c) || c === 46 || c === 44 || c === 45) &&
        i + 1 < n &&
        isWord(text.charCodeAt(i + 1))
      ) {
        flags |= F_OTHER;
        i++;
      } else break;
    }
    if (plain !== undefined && (flags === 0 || flags === F_UPPER)) {
      // Indexing: plain ASCII words go by range, so no string is made for a known term.
      plain(text, start, i);
    } else if (flags === 0) {
      emit(text.slice(start, i), start, i, false);
    } else if (flags === F_UPPER) {
      emit(text.slice(start, i).toLowerCase(), start, i, false);
    } else {
      slowWord(text.slice(start, i), start, emit);
    }
  }
}

function slowWord(
  raw: string,
  start: number,
  emit: (term: string, start: number, end: number, extra: boolean) => void,
): void {
  if (raw.includes('.') && ACRONYM.test(raw)) {
    emit(fold(raw.replace(/\./g, '')), start, start + raw.length, false);
    return;
  }
  if (raw.includes('-')) {
    const parts = raw.split('-');
    let pos = start;
    let joined = '';
    let emitted = 0;
    for (const part of parts) {
      // Each part may itself hold dots or commas ("U.S.-China" is rare enough to split plainly).
      slowPart(part, pos, (term, s, e, x) => {
        emitted++;
        joined += term;
        emit(term, s, e, x);
      });
      pos += part.length + 1;
    }
    if (parts.length <= 3 && emitted > 1 && joined !== '') emit(joined, start, start + raw.length, true);
    return;
  }
  slowPart(raw, start, emit);
}

function slowPart(
  raw: string,
  start: number,
  emit: (term: string, start: number, end: number, extra: boolean) => void,
): void {
  // Inner dots and commas are only kept between digits ("2.5", "1,000"); elsewhere split.
  if (/[.,]/.test(raw) && !/^\p{N}[\p{N}.,]*$/u.test(raw)) {
    if (raw.includes('.') && ACRONYM.test(raw)) {
      emit(fold(raw.replace(/\./g, '')), start, start + raw.length, false);
      return;
    }
    let pos = start;
    for (const part of raw.split(/[.,]/)) {
      const term = normalizePart(part);
      if (term !== '') emit(term, pos, pos + part.length, false);
      pos += part.length + 1;
    }
    return;
  }
  const term = normalizePart(raw);
  if (term !== '') emit(term, start, start + raw.length, false);
}

/** All tokens of a text, stop words marked. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  forEachToken(text, (term, start, end, extra) =>
    out.push({ term, start, end, stop: STOP_WORDS.has(term), extra }),
  );
  return out;
}

/** The indexable terms of a text (no stop words), in order, repeats kept. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (term) => {
    if (!STOP_WORDS.has(term)) out.push(term);
  });
  return out;
}
