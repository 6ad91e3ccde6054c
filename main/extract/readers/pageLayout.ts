/**
 * From positioned text on pages (a PDF's text layer, or OCR words) to paragraphs in reading
 * order, each with the page it starts on. Pure: the PDF and OCR readers in main/corpus hand
 * their items here.
 *
 * Steps: items → rows → fragments (a row split at wide gaps); running headers, footers and
 * page numbers taken out and counted; each page cut into columns and bands (recursive XY
 * cut, columns first), lines joined into paragraphs at vertical gaps, size changes and
 * indents; a word split by a line-end hyphen rejoined; paragraphs that run over a column or
 * page break joined again.
 */

/** One run of text at a position. Coordinates in points, y up from the page's bottom. */
export interface PageItem {
  text: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size (height of the text). */
  size: number;
}

export interface PageText {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  items: PageItem[];
  /** Mean OCR confidence (0–1) when the page's text comes from OCR. */
  ocrConfidence?: number;
}

export interface LaidParagraph {
  text: string;
  page: number;
  /** Largest font size in the paragraph, to find a title. */
  size: number;
  ocrConfidence?: number;
}

/** Text left out on purpose, counted in characters under a named reason. */
export interface DroppedText {
  'running header or footer': number;
  'page number': number;
}

export interface Layout {
  paragraphs: LaidParagraph[];
  dropped: DroppedText;
}

interface Fragment {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** Ligatures and compatibility characters (ﬁ, full-width letters, no-break spaces) made plain. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
}

function median(values: number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Items on one baseline, left to right, split where the gap is wide enough to be a gutter. */
function fragmentsOf(items: PageItem[]): Fragment[] {
  const sorted = items
    .map((it) => ({ ...it, text: normalizeText(it.text) }))
    .filter((it) => it.text.trim().length > 0 && Number.isFinite(it.x) && Number.isFinite(it.y))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PageItem[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    const ref = row?.[0];
    if (row && ref && Math.abs(ref.y - it.y) <= 0.4 * Math.max(1, Math.min(ref.size, it.size))) row.push(it);
    else rows.push([it]);
  }
  const out: Fragment[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let cur: Fragment | null = null;
    for (const it of row) {
      const size = Math.max(1, it.size);
      const x1 = it.x + Math.max(0, it.width);
      if (cur) {
        const gap = it.x - cur.x1;
        if (gap <= 1.2 * size) {
          const needsSpace = gap > 0.12 * size && !/\s$/.test(cur.text) && !/^\s/.test(it.text);
          cur.text += (needsSpace ? ' ' : '') + it.text;
          cur.x1 = Math.max(cur.x1, x1);
          cur.size = Math.max(cur.size, size);
          continue;
        }
        out.push(cur);
      }
      cur = { text: it.text, x0: it.x, x1, y: it.y, size };
    }
    if (cur) out.push(cur);
  }
  for (const f of out) f.text = f.text.replace(/\s+/g, ' ').trim();
  return out;
}

const PAGE_NUMBER =
  /^(?:(?:page|p\.|pg\.?|seite|página|стр\.?)\s*)?[-–—(]?\s*(?:\d{1,5}|[ivxlcdm]{1,7})\s*[-–—)]?(?:\s*(?:of|\/|из|de|von)\s*\d{1,5})?$/i;

function edgeKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** The rows nearest the top and the bottom of a page, in its margins, where running heads sit. */
function edgeRows(frags: Fragment[], height: number, rowsEachSide: number, zone: number): Set<Fragment> {
  const ys = [...new Set(frags.map((f) => Math.round(f.y)))].sort((a, b) => b - a);
  const inZone = (y: number) => y >= height * (1 - zone) || y <= height * zone;
  const edges = new Set([...ys.slice(0, rowsEachSide), ...ys.slice(-rowsEachSide)].filter(inZone));
  return new Set(frags.filter((f) => edges.has(Math.round(f.y))));
}

/**
 * Takes running headers and footers out: text in the top or bottom rows that repeats (digits
 * aside) on at least half the pages, and page numbers there on any page.
 */
function dropRunningText(pages: Fragment[][], heights: number[], dropped: DroppedText): Fragment[][] {
  const edgeSets = pages.map((frags, i) => edgeRows(frags, heights[i] as number, 2, 0.12));
  const numberSets = pages.map((frags, i) => edgeRows(frags, heights[i] as number, 1, 0.08));
  const pagesWithKey = new Map<string, number>();
  for (const set of edgeSets) {
    for (const key of new Set([...set].map((f) => edgeKey(f.text))))
      pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
  }
  const repeatAt = Math.max(2, Math.ceil(pages.length / 2));
  // running heads are set small; a large line at the top that repeats one (the title as a
  // heading on page 1, also printed in every page's header) is the document's own text
  const body = median(
    pages.flat().map((f) => f.size),
    10,
  );
  return pages.map((frags, i) => {
    const edges = edgeSets[i] as Set<Fragment>;
    const numbers = numberSets[i] as Set<Fragment>;
    return frags.filter((f) => {
      if (numbers.has(f) && PAGE_NUMBER.test(f.text)) {
        dropped['page number'] += f.text.length;
        return false;
      }
      const repeated = (pagesWithKey.get(edgeKey(f.text)) ?? 0) >= repeatAt;
      if (edges.has(f) && pages.length >= 2 && repeated && f.size <= body * 1.15) {
        dropped[PAGE_NUMBER.test(f.text) ? 'page number' : 'running header or footer'] += f.text.length;
        return false;
      }
      return true;
    });
  });
}

/** Reading order: recursive XY cut, trying a vertical cut (columns) before a horizontal one. */
function readingOrder(frags: Fragment[], em: number): Fragment[][] {
  if (frags.length <= 1) return frags.length ? [frags] : [];
  const vertical = widestGap(
    frags.map((f) => [f.x0, f.x1] as const),
    1.2 * em,
  );
  if (vertical !== null) {
    const left = frags.filter((f) => f.x1 <= vertical);
    const right = frags.filter((f) => f.x1 > vertical);
    // a column needs a few lines: a lone label beside a paragraph is not a column
    if (rowCount(left) >= 3 && rowCount(right) >= 3)
      return [...readingOrder(left, em), ...readingOrder(right, em)];
  }
  const horizontal = widestGap(
    frags.map((f) => [f.y - 0.25 * f.size, f.y + 0.8 * f.size] as const),
    1.5 * em,
  );
  if (horizontal !== null) {
    const top = frags.filter((f) => f.y > horizontal);
    const bottom = frags.filter((f) => f.y <= horizontal);
    if (top.length > 0 && bottom.length > 0) return [...readingOrder(top, em), ...readingOrder(bottom, em)];
  }
  return [[...frags].sort((a, b) => b.y - a.y || a.x0 - b.x0)];
}

function rowCount(frags: Fragment[]): number {
  return new Set(frags.map((f) => Math.round(f.y))).size;
}

/** The middle of the widest empty stretch between intervals, if it is at least `min` wide. */
function widestGap(intervals: ReadonlyArray<readonly [number, number]>, min: number): number | null {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let reach = sorted[0]?.[1] ?? 0;
  let best: number | null = null;
  let bestWidth = min;
  for (const [lo, hi] of sorted.slice(1)) {
    if (lo - reach >= bestWidth) {
      bestWidth = lo - reach;
      best = (lo + reach) / 2;
    }
    reach = Math.max(reach, hi);
  }
  return best;
}

interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

function linesOf(block: Fragment[]): Line[] {
  const lines: Line[] = [];
  for (const f of block) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - f.y) <= 0.4 * Math.min(last.size, f.size)) {
      last.text += ` ${f.text}`;
      last.x1 = Math.max(last.x1, f.x1);
      last.size = Math.max(last.size, f.size);
    } else lines.push({ ...f });
  }
  return lines;
}

/** Joins two lines of one paragraph, rejoining a word split by a line-end hyphen. */
export function joinLines(left: string, right: string, knownHyphenated: ReadonlySet<string>): string {
  if (left.endsWith('\u00ad')) return left.slice(0, -1) + right;
  const m = /(\p{L}+)-$/u.exec(left);
  if (m && /^\p{Ll}/u.test(right)) {
    const next = /^\p{L}+/u.exec(right)?.[0] ?? '';
    // "well-known" written so elsewhere in the document keeps its hyphen
    if (knownHyphenated.has(`${(m[1] as string).toLowerCase()}-${next.toLowerCase()}`)) return left + right;
    return left.slice(0, -1) + right;
  }
  return `${left} ${right}`;
}

function paragraphsOfBlock(lines: Line[], lineGap: number): Line[][] {
  const paras: Line[][] = [];
  let cur: Line[] = [];
  const left = Math.min(...lines.map((l) => l.x0));
  for (const line of lines) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const gap = prev.y - line.y;
      const sizeChange = Math.abs(prev.size - line.size) > 0.15 * Math.max(prev.size, line.size);
      const indented = line.x0 - left > 1.0 * line.size && prev.x0 - left < 0.5 * line.size;
      if (gap > lineGap * 1.35 || gap < 0 || sizeChange || indented) {
        paras.push(cur);
        cur = [];
      }
    }
    cur.push(line);
  }
  if (cur.length) paras.push(cur);
  return paras;
}

/** Lays out pages into paragraphs in reading order. */
export function layoutPages(pages: readonly PageText[]): Layout {
  const dropped: DroppedText = { 'running header or footer': 0, 'page number': 0 };
  const fragments = dropRunningText(
    pages.map((p) => fragmentsOf(p.items)),
    pages.map((p) => p.height),
    dropped,
  );
  // words written with a hyphen inside a line, to keep them whole when split at a line end
  const knownHyphenated = new Set<string>();
  for (const frags of fragments)
    for (const f of frags)
      for (const m of f.text.matchAll(/\p{L}+-\p{L}+/gu)) knownHyphenated.add(m[0].toLowerCase());
  const paragraphs: LaidParagraph[] = [];
  let continuable = false;
  pages.forEach((page, i) => {
    const frags = fragments[i] as Fragment[];
    const em = median(
      frags.map((f) => f.size),
      10,
    );
    const blocks = readingOrder(frags, em).map(linesOf);
    // the line spacing of the page: its common small step between baselines (a block of
    // one-line paragraphs alone would take the paragraph gap for it)
    const deltas: number[] = [];
    for (const lines of blocks)
      for (let k = 1; k < lines.length; k++) {
        const d = (lines[k - 1] as Line).y - (lines[k] as Line).y;
        if (d > 0) deltas.push(d);
      }
    deltas.sort((a, b) => a - b);
    const lineGap = Math.min(deltas[Math.floor(deltas.length / 4)] ?? em * 1.2, em * 1.5);
    for (const lines of blocks) {
      for (const para of paragraphsOfBlock(lines, lineGap)) {
        let text = '';
        for (const line of para) text = text ? joinLines(text, line.text, knownHyphenated) : line.text;
        text = text.replace(/\s+/g, ' ').trim();
        if (!text) continue;
        const size = Math.max(...para.map((l) => l.size));
        const prev = paragraphs[paragraphs.length - 1];
        // a paragraph cut by a column or page break: the first part stops mid-sentence and
        // the rest starts in lower case
        if (continuable && prev && /[\p{L},;-]$/u.test(prev.text) && /^\p{Ll}/u.test(text)) {
          prev.text = joinLines(prev.text, text, knownHyphenated);
        } else {
          paragraphs.push({
            text,
            page: page.page,
            size,
            ...(page.ocrConfidence !== undefined ? { ocrConfidence: page.ocrConfidence } : {}),
          });
        }
        continuable = false;
      }
      continuable = true;
    }
  });
  return { paragraphs, dropped };
}

/** A title from the first page: its largest text near the top, when clearly larger than the body. */
export function titleFromLayout(paragraphs: readonly LaidParagraph[]): string | null {
  const first = paragraphs.filter((p) => p.page === paragraphs[0]?.page).slice(0, 8);
  const body = median(
    paragraphs.slice(0, 60).map((p) => p.size),
    0,
  );
  let best: LaidParagraph | null = null;
  for (const p of first)
    if (p.size > body * 1.15 && p.text.length <= 200 && (!best || p.size > best.size)) best = p;
  return best?.text ?? null;
}
