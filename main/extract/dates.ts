/**
 * Dates with the precision that is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 * Metadata first, then the text (datelines, "on December 15" with the year inferred from the
 * years the text names), then the file's time.
 */
import * as chrono from 'chrono-node';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(y: number, m?: number, d?: number): boolean {
  if (!(y >= 1000 && y <= 2999)) return false;
  if (m === undefined) return true;
  if (!(m >= 1 && m <= 12)) return false;
  if (d === undefined) return true;
  return d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso(y: number, m?: number, d?: number): string | null {
  if (!valid(y, m, d)) return null;
  if (m === undefined) return String(y);
  if (d === undefined) return `${y}-${pad(m)}`;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Normalises a metadata date value; null when it is not a date. */
export function normalizeDate(value: unknown): string | null {
  if (value instanceof Date) return isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (value >= 1000 && value <= 2999) return String(value);
    // seconds or milliseconds since the epoch
    const ms = value < 1e11 ? value * 1000 : value;
    const d = new Date(ms);
    return isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d.*)?$/.exec(s);
  if (m) return iso(Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  // Reuters: 26-FEB-1987 15:01:01.79
  m = /^(\d{1,2})-([A-Za-z]{3,4})-(\d{4})/.exec(s);
  if (m) {
    const mon = MONTHS[(m[2] as string).toLowerCase()];
    if (mon) return iso(Number(m[3]), mon, Number(m[1]));
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const mon = MONTHS[(m[1] as string).slice(0, 3).toLowerCase()];
    if (mon) return iso(Number(m[2]), mon);
  }
  if (s.length > 80) return null;
  const parsed = chrono.en.parse(s, new Date(Date.UTC(2000, 0, 1)));
  const first = parsed[0];
  if (first && first.start.isCertain('year')) {
    const y = first.start.get('year') ?? 0;
    const mon = first.start.isCertain('month') ? (first.start.get('month') ?? undefined) : undefined;
    const day =
      mon !== undefined && first.start.isCertain('day') ? (first.start.get('day') ?? undefined) : undefined;
    return iso(y, mon, day);
  }
  return null;
}

/** ISO date of a file time (UTC). */
export function dateFromMtime(mtimeMs: number): string | null {
  if (!Number.isFinite(mtimeMs) || mtimeMs <= 0) return null;
  return new Date(mtimeMs).toISOString().slice(0, 10);
}

const YEAR_RE = /\b(1[89]\d\d|20\d\d)\b/g;

/**
 * A date read from the text: the first month-and-day date in the opening paragraphs. When
 * the year is not written, it is inferred from the years the text names ("next year's
 * Beijing Winter Olympics" with "the 2022 Winter Olympics" → the text was written in 2021);
 * `contextParagraphs` excludes captions, whose dates describe old photos.
 */
export function dateFromText(opening: string, contextText: string, mtimeMs: number): string | null {
  const sample = opening.slice(0, 2000);
  const years: number[] = [];
  for (const m of contextText.slice(0, 20000).matchAll(YEAR_RE)) years.push(Number(m[1]));
  const mtimeYear = Number.isFinite(mtimeMs) && mtimeMs > 0 ? new Date(mtimeMs).getUTCFullYear() : null;
  let refYear: number | null = null;
  if (years.length > 0) {
    const plausible = mtimeYear ? years.filter((y) => y <= mtimeYear + 1) : years;
    const pool = plausible.length > 0 ? plausible : years;
    refYear = Math.max(...pool);
    // the text looks ahead to an event in a named year: it was written the year before
    const lower = contextText.toLowerCase();
    if (
      /\bnext year\b/.test(lower) &&
      !/\blast year\b/.test(lower) &&
      years.filter((y) => y === refYear).length >= 1
    ) {
      refYear -= 1;
    }
  } else if (mtimeYear) refYear = mtimeYear;
  const ref = new Date(Date.UTC(refYear ?? 2000, 6, 1));
  let results: chrono.ParsedResult[];
  try {
    results = chrono.en.parse(sample, ref, { forwardDate: false });
  } catch {
    return null;
  }
  for (const r of results) {
    const c = r.start;
    if (!c.isCertain('month') || !c.isCertain('day')) continue;
    // a dateline names its month ("Dec 15", "December 15, 2021") or is fully numeric with a
    // year ("12/15/2021"); "Monday", "24/7" and clock times are not dates
    const named =
      /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d/i.test(r.text) ||
      /\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(r.text);
    if (!named && !(c.isCertain('year') && /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}/.test(r.text)))
      continue;
    const mon = c.get('month') ?? 0;
    const day = c.get('day') ?? 0;
    if (c.isCertain('year')) return iso(c.get('year') ?? 0, mon, day);
    if (refYear === null) continue;
    return iso(refYear, mon, day);
  }
  return null;
}

/** A full date in a file name or folder ("2021-12-08-remarks.md", "2016_03_01"), else null. */
export function dateFromPath(path: string): string | null {
  const name = path.split('/').pop() ?? path;
  const m = /(?:^|[^\d])((?:19|20)\d\d)[-_.]([01]\d)[-_.]([0-3]\d)(?!\d)/.exec(name);
  return m ? iso(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}
