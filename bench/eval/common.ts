/** Shared helpers of the evaluation: extraction with default options, formatting of figures. */
import { defaultExtractOptions, extractDocuments } from '../../main/extract/extractDocuments';
import type { ExtractedDocument } from '../../main/common/contract';

export const options = defaultExtractOptions();

export function extract(path: string, text: string, mtimeMs = 0): ExtractedDocument[] {
  const r = extractDocuments({ path, text, mtimeMs }, options);
  return r.ok ? r.documents : [];
}

export interface Row {
  section: string;
  metric: string;
  value: string;
  n: string;
  note: string;
}

export function ratio(a: number, b: number): string {
  return b === 0 ? 'n/a' : (a / b).toFixed(3);
}

/** Deterministic sample of at most `n` items, spread over the list (no randomness between runs). */
export function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const out: T[] = [];
  const step = items.length / n;
  for (let i = 0; i < n; i++) out.push(items[Math.floor(i * step)] as T);
  return out;
}

/** Collapses whitespace and removes Markdown escapes, for locating raw text in clean text. */
export function loose(s: string): string {
  return s
    .replace(/\\([\\`*_{}[\]()#+\-.!|~>"'])/g, '$1')
    .replace(/[*_]/g, '')
    .replace(/<\/?[a-zA-Z][^>]{0,200}>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
