/**
 * Small documents for tests of the engine and of code built on it (the service's tests may
 * use them too): passages are laid out in the document text with correct offsets.
 */
import type { ExtractedDocument, PassageKind } from '../common/contract';

export interface FixturePassage {
  text: string;
  speaker?: string | null;
  kind?: PassageKind;
  topics?: string[];
  date?: string | null;
}

export function makeDoc(
  id: string,
  passages: Array<FixturePassage | string>,
  meta: { title?: string; date?: string | null; topics?: string[]; path?: string } = {},
): ExtractedDocument {
  let text = '';
  const out = passages.map((raw, i) => {
    const p = typeof raw === 'string' ? { text: raw } : raw;
    if (text !== '') text += '\n\n';
    const start = text.length;
    text += p.text;
    return {
      id: `${id}#${i}`,
      kind: p.kind ?? 'narrative',
      speaker: p.speaker ?? null,
      text: p.text,
      start,
      end: start + p.text.length,
      topics: p.topics ?? [],
      date: p.date ?? null,
    };
  });
  return {
    document: {
      id,
      path: meta.path ?? `${id}.txt`,
      title: meta.title ?? id,
      author: null,
      source: null,
      url: null,
      date: meta.date ?? null,
      dateSource: meta.date ? 'metadata' : null,
      topics: meta.topics ?? [],
    },
    text,
    passages: out,
  };
}
