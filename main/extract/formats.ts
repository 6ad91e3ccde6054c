/**
 * Readers: from decoded text of one file to RawDocs (metadata + paragraphs), by format.
 * Each throws `FormatError` with a reason for input it cannot read; extractDocuments turns
 * that into a skipped-file reason.
 */
import { parse as parseYaml } from 'yaml';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { documentId } from './hash';
import { normalizeDate } from './dates';
import { tagTopics } from './topics';
import { collapseBlanks, collapseWhitespace } from './whitespace';
import { dropped, wordsIn, type DroppedText } from './dropped';
import type { RawDoc, RawPara } from './document';

export class FormatError extends Error {}

export { formatOf, isBinaryFormat, type BinaryFormat, type Format, type TextFormat } from './formatNames';

export interface Sidecar {
  title?: string;
  author?: string;
  source?: string;
  url?: string;
  date?: string;
  topics?: string[];
  speaker?: string;
}

/** An empty document of a file (or of one record of it), for a reader to fill. */
export function emptyRawDoc(path: string, mtimeMs: number, record?: number): RawDoc {
  return {
    id: documentId(path, record),
    path,
    title: null,
    author: null,
    source: null,
    url: null,
    date: null,
    topics: [],
    speaker: null,
    paragraphs: [],
    news: false,
    explicitSpeakers: false,
    mtimeMs,
  };
}

/** Splits text into paragraphs: blank-line separated (lines joined), else one per line. */
export function splitParagraphs(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  if (/\n[^\S\n]*\n/.test(normalized)) {
    return normalized
      .split(/\n[^\S\n]*\n/)
      .map((block) =>
        block
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l.length > 0)
          .join(' '),
      )
      .filter((p) => p.length > 0);
  }
  return normalized
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Markdown to plain paragraphs: escapes, emphasis, inline HTML and heading marks removed. */
function markdownParagraphs(body: string): {
  paragraphs: string[];
  heading: string | null;
  dropped: DroppedText[];
} {
  let heading: string | null = null;
  const paragraphs: string[] = [];
  let markupChars = 0;
  let markupWords = 0;
  for (const raw of splitParagraphs(body)) {
    let p = raw
      .replace(/<\/?[a-zA-Z][^>]{0,200}>/g, '')
      // bounded: many "[" without a "]" must not make the scan quadratic
      .replace(/!\[([^\]]{0,500})\]\([^)]{0,2000}\)/g, '$1')
      .replace(/\[([^\]]{1,500})\]\([^)]{0,2000}\)/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|~>"'])/g, '$1')
      .replace(/(^|[\s(])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?=[\s).,;:!?]|$)/g, '$1')
      .replace(/\*+/g, '')
      .replace(/\u00a0/g, ' ');
    p = collapseBlanks(p).trim();
    const h = /^#{1,6}\s+(.*)$/.exec(p);
    if (h) {
      p = (h[1] as string).trim();
      heading ??= p;
    }
    // link targets and tags hold words that are not the text's
    const lost = wordsIn(raw) - wordsIn(p);
    if (lost > 0) {
      markupWords += lost;
      markupChars += Math.max(0, raw.length - p.length);
    }
    if (/^[-*_]{3,}$/.test(p)) continue;
    if (p.length > 0) paragraphs.push(p);
  }
  const dropped: DroppedText[] =
    markupWords > 0 ? [{ reason: 'markup', chars: markupChars, words: markupWords }] : [];
  return { paragraphs, heading, dropped };
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim().length > 0 ? v.trim() : null;
  if (typeof v === 'number') return String(v);
  return null;
}

function strList(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' && x.trim() ? [x.trim()] : []));
  if (typeof v === 'string')
    return v
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  return [];
}

/** Applies metadata fields found in a front matter / record / sidecar. */
function applyMeta(doc: RawDoc, meta: Record<string, unknown>, override: boolean): void {
  const set = <K extends 'title' | 'author' | 'source' | 'url' | 'speaker'>(key: K, value: string | null) => {
    if (value !== null && (override || doc[key] === null)) doc[key] = value;
  };
  set('title', str(meta.title) ?? str(meta.headline) ?? str(meta.subject));
  const authors = meta.author ?? meta.authors ?? meta.byline;
  set('author', Array.isArray(authors) ? strList(authors).join(', ') || null : str(authors));
  set('url', str(meta.url) ?? str(meta.source_url) ?? str(meta.link));
  set('source', str(meta.source) ?? str(meta.publisher) ?? str(meta.site) ?? str(meta.site_name));
  set('speaker', str(meta.speaker));
  const date =
    normalizeDate(meta.date) ??
    normalizeDate(meta.published) ??
    normalizeDate(meta.published_at) ??
    normalizeDate(meta.publishedAt) ??
    normalizeDate(meta.datePublished) ??
    normalizeDate(meta.published_time) ??
    normalizeDate(meta.pubDate) ??
    normalizeDate(meta.created_at) ??
    normalizeDate(meta.timestamp);
  if (date && (override || doc.date === null)) doc.date = date;
  let topics: string[] = [];
  const tags = meta.tags;
  if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
    // Kremlin: { Topics: [...], Geography: [...], Persons: [...] } — only topics are topics
    const t = (tags as Record<string, unknown>).Topics ?? (tags as Record<string, unknown>).topics;
    topics = strList(t);
  } else {
    topics = [
      ...strList(meta.topics),
      ...(meta.topics === undefined ? strList(tags) : []),
      ...strList(meta.keywords),
      ...strList(meta.categories),
    ];
  }
  const mapped = [...new Set(topics.flatMap(tagTopics))];
  if (mapped.length > 0)
    doc.topics = override
      ? [...new Set([...mapped, ...doc.topics])]
      : [...new Set([...doc.topics, ...mapped])];
}

export function readText(path: string, text: string, mtimeMs: number): RawDoc[] {
  if (/^\uFEFF?---\r?\n/.test(text)) return readMarkdown(path, text, mtimeMs);
  const doc = emptyRawDoc(path, mtimeMs);
  doc.paragraphs = splitParagraphs(text).map((t) => ({ text: t }));
  doc.news = true;
  return [doc];
}

export function readMarkdown(path: string, text: string, mtimeMs: number): RawDoc[] {
  const doc = emptyRawDoc(path, mtimeMs);
  let body = text.replace(/^\uFEFF/, '');
  const fm = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(body);
  if (/^---\r?\n/.test(body)) {
    if (!fm) throw new FormatError('front matter is not closed with "---"');
    let meta: unknown;
    try {
      meta = parseYaml(fm[1] as string);
    } catch (e) {
      throw new FormatError(
        `invalid YAML front matter: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
    }
    if (meta !== null && meta !== undefined && (typeof meta !== 'object' || Array.isArray(meta))) {
      throw new FormatError('front matter is not a mapping of fields');
    }
    if (meta) applyMeta(doc, meta as Record<string, unknown>, true);
    body = body.slice(fm[0].length);
  }
  const { paragraphs, heading, dropped: markup } = markdownParagraphs(body);
  doc.dropped = [...(fm ? [dropped('front matter', fm[0])] : []), ...markup];
  if (!doc.title && heading) doc.title = heading;
  doc.paragraphs = paragraphs.map((t) => ({ text: t }));
  doc.news = !fm;
  return [doc];
}

const TEXT_FIELDS = [
  'text',
  'body',
  'content',
  'fulltext',
  'full_text',
  'article',
  'transcript',
  'story',
  'message',
];

function recordToDoc(
  path: string,
  rec: Record<string, unknown>,
  mtimeMs: number,
  record: number | undefined,
): RawDoc | null {
  const doc = emptyRawDoc(path, mtimeMs, record);
  applyMeta(doc, rec, true);
  const paragraphs: RawPara[] = [];
  const lead = str(rec.lead) ?? str(rec.summary) ?? str(rec.description);
  const list = rec.paragraphs ?? rec.turns ?? rec.segments;
  if (Array.isArray(list)) {
    if (lead) paragraphs.push({ text: lead, speaker: null });
    for (const item of list) {
      if (typeof item === 'string') paragraphs.push({ text: item });
      else if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const t = str(o.text) ?? str(o.content) ?? str(o.body);
        if (!t) continue;
        const sp = o.speaker === null ? null : (str(o.speaker) ?? str(o.name) ?? undefined);
        paragraphs.push(sp === undefined ? { text: t } : { text: t, speaker: sp });
      }
    }
    // speakers given for some paragraphs; when all are null the labels are looked for in the text
    doc.explicitSpeakers = paragraphs.some((p) => p.speaker !== undefined && p.speaker !== null);
    if (doc.explicitSpeakers) for (const p of paragraphs) if (p.speaker === undefined) p.speaker = null;
  } else {
    let body: string | null = null;
    for (const f of TEXT_FIELDS) {
      const v = rec[f];
      if (typeof v === 'string' && v.trim()) {
        body = v;
        break;
      }
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
        body = (v as string[]).join('\n\n');
        break;
      }
    }
    if (lead && body !== null && !body.startsWith(lead)) paragraphs.push({ text: lead });
    if (body !== null) for (const t of splitParagraphs(body)) paragraphs.push({ text: t });
    doc.news = !doc.speaker;
  }
  if (paragraphs.length === 0) return null;
  // speech verb labels in a transcript may still sit in the text; the record speaker is not per paragraph
  const sections = strList(rec.sections);
  if (sections.includes('Transcripts') && !doc.explicitSpeakers) doc.news = false;
  doc.paragraphs = paragraphs;
  return doc;
}

function recordsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of ['records', 'documents', 'articles', 'items', 'data', 'results', 'posts']) {
      if (Array.isArray(o[k])) return o[k] as unknown[];
    }
    return [value];
  }
  return [];
}

export function readJson(path: string, text: string, mtimeMs: number): RawDoc[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new FormatError(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const records = recordsOf(value);
  const single = !Array.isArray(value) && records.length === 1 && records[0] === value;
  const docs: RawDoc[] = [];
  records.forEach((r, i) => {
    if (r && typeof r === 'object' && !Array.isArray(r)) {
      const d = recordToDoc(path, r as Record<string, unknown>, mtimeMs, single ? undefined : i);
      if (d) docs.push(d);
    }
  });
  if (docs.length === 0) throw new FormatError('JSON has no records with text');
  return docs;
}

export function readJsonl(path: string, text: string, mtimeMs: number, warnings: string[]): RawDoc[] {
  const docs: RawDoc[] = [];
  let bad = 0;
  let firstBad = '';
  let n = 0;
  let start = 0;
  const src = text.replace(/^\uFEFF/, '');
  while (start <= src.length) {
    let end = src.indexOf('\n', start);
    if (end < 0) end = src.length;
    const line = src.slice(start, end).trim();
    start = end + 1;
    if (line.length === 0) {
      if (end >= src.length) break;
      continue;
    }
    const index = n++;
    try {
      const r: unknown = JSON.parse(line);
      if (r && typeof r === 'object' && !Array.isArray(r)) {
        const d = recordToDoc(path, r as Record<string, unknown>, mtimeMs, index);
        if (d) docs.push(d);
      }
    } catch (e) {
      bad++;
      if (!firstBad) firstBad = `line ${index + 1}: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (end >= src.length) break;
  }
  if (bad > 0) warnings.push(`${bad} invalid JSON line(s) skipped (first at ${firstBad})`);
  if (docs.length === 0) {
    throw new FormatError(bad > 0 ? `invalid JSON lines (${firstBad})` : 'JSONL has no records with text');
  }
  return docs;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd, dt, figcaption, td';

function blockTexts(root: { querySelectorAll(sel: string): ArrayLike<unknown> }): string[] {
  const out: string[] = [];
  const nodes = Array.from(root.querySelectorAll(BLOCKS)) as Array<{
    textContent: string | null;
    querySelector(sel: string): unknown;
  }>;
  for (const el of nodes) {
    // a block that contains other blocks is read through them
    if (el.querySelector(BLOCKS)) continue;
    const t = collapseWhitespace(el.textContent ?? '').trim();
    if (t.length > 0) out.push(t);
  }
  return out;
}

export function readHtml(path: string, text: string, mtimeMs: number): RawDoc[] {
  const doc = emptyRawDoc(path, mtimeMs);
  const { document } = parseHTML(text);
  const metaContent = (sel: string): string | null => {
    const el = document.querySelector(sel) as { getAttribute(n: string): string | null } | null;
    return el ? str(el.getAttribute('content') ?? el.getAttribute('datetime')) : null;
  };
  const meta: Record<string, unknown> = {
    title:
      metaContent('meta[property="og:title"]') ?? str(document.querySelector('title')?.textContent ?? null),
    author: metaContent('meta[name="author"]') ?? metaContent('meta[property="article:author"]'),
    date:
      metaContent('meta[property="article:published_time"]') ??
      metaContent('meta[name="date"]') ??
      metaContent('meta[name="pubdate"]') ??
      metaContent('time[datetime]'),
    url: metaContent('meta[property="og:url"]') ?? metaContent('link[rel="canonical"]'),
    source: metaContent('meta[property="og:site_name"]'),
    keywords: metaContent('meta[name="keywords"]'),
  };
  const canonical = document.querySelector('link[rel="canonical"]') as {
    getAttribute(n: string): string | null;
  } | null;
  if (!meta.url && canonical) meta.url = canonical.getAttribute('href');
  applyMeta(doc, meta, true);
  let paragraphs: string[] = [];
  // counted before Readability takes the page apart
  const pageText = document.body?.textContent ?? '';
  const pageWords = wordsIn(pageText);
  try {
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content) {
      const inner = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document;
      paragraphs = blockTexts(inner);
      if (!doc.title && article.title) doc.title = article.title;
      if (!doc.author && article.byline) doc.author = article.byline.replace(/^By\s+/i, '').trim();
    }
  } catch {
    paragraphs = [];
  }
  if (paragraphs.length === 0) {
    // Readability found no article: read the body without navigation and chrome
    const fresh = parseHTML(text).document;
    for (const el of Array.from(
      fresh.querySelectorAll('nav, header, footer, aside, script, style, noscript, form, iframe'),
    )) {
      (el as { remove(): void }).remove();
    }
    paragraphs = blockTexts(fresh);
    if (paragraphs.length === 0) {
      paragraphs = splitParagraphs(fresh.body?.textContent ?? '');
    }
  }
  const chrome = pageWords - paragraphs.reduce((n, p) => n + wordsIn(p), 0);
  const chromeChars = pageText.length - paragraphs.reduce((n, p) => n + p.length, 0);
  if (chrome > 0) doc.dropped = [{ reason: 'boilerplate', chars: Math.max(0, chromeChars), words: chrome }];
  doc.paragraphs = paragraphs.map((t) => ({ text: t }));
  doc.news = true;
  return [doc];
}

/**
 * Applies a sidecar's fields over what the file said; with `override` false (a file of many
 * records), the sidecar only fills what a record leaves unsaid.
 */
export function applySidecar(doc: RawDoc, sidecar: Sidecar, override = true): void {
  const hadSpeaker = doc.speaker !== null;
  applyMeta(doc, sidecar as Record<string, unknown>, override);
  if (sidecar.speaker && (override || !hadSpeaker)) doc.news = false;
}
