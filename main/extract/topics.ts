/**
 * Topic tagging against a keyword taxonomy. The default is the 17 top-level IPTC Media
 * Topics with keyword lists written for Dictum; a user taxonomy extends or replaces it.
 * Matching is a single pass over the words of a text with map look-ups (linear).
 */
import defaultTopics from './defaultTopics.json';
import { readTopicsConfig, type Taxonomy } from './topicsConfig';

export type { Taxonomy } from './topicsConfig';

/**
 * The default taxonomy: the 17 top-level IPTC Media Topics with keyword lists written for
 * Dictum, kept in defaultTopics.json in the format of a user's topics file (bundled into the
 * build, so the packaged app carries it).
 */
export const DEFAULT_TAXONOMY: Taxonomy = readTopicsConfig(defaultTopics).taxonomy;

/** Kremlin / front-matter tags that map onto IPTC topics (lower case tag → slug). */
export const TAG_TO_IPTC: Record<string, string> = {
  'foreign policy': 'politics',
  'domestic policy': 'politics',
  politics: 'politics',
  'state awards': 'human-interest',
  awards: 'human-interest',
  culture: 'arts-culture-entertainment-media',
  'mass media': 'arts-culture-entertainment-media',
  media: 'arts-culture-entertainment-media',
  sport: 'sport',
  sports: 'sport',
  'physical education and sport': 'sport',
  'economy and finance': 'economy-business-finance',
  economy: 'economy-business-finance',
  finance: 'economy-business-finance',
  'industry and energy': 'economy-business-finance',
  'fuel and energy': 'economy-business-finance',
  energy: 'economy-business-finance',
  transport: 'economy-business-finance',
  trade: 'economy-business-finance',
  agriculture: 'economy-business-finance',
  'small and medium business': 'economy-business-finance',
  'armed forces': 'conflict-war-peace',
  'national security': 'conflict-war-peace',
  'military-technical cooperation': 'conflict-war-peace',
  'fight against terrorism': 'conflict-war-peace',
  terrorism: 'conflict-war-peace',
  'law enforcement': 'crime-law-justice',
  corruption: 'crime-law-justice',
  'fighting corruption': 'crime-law-justice',
  'judicial system': 'crime-law-justice',
  legislation: 'politics',
  healthcare: 'health',
  health: 'health',
  education: 'education',
  'science and innovation': 'science-technology',
  science: 'science-technology',
  'science and technology': 'science-technology',
  space: 'science-technology',
  'information technology': 'science-technology',
  communications: 'science-technology',
  religion: 'religion',
  environment: 'environment',
  ecology: 'environment',
  'environmental protection': 'environment',
  emergencies: 'disaster-accident-emergency',
  'natural disasters': 'disaster-accident-emergency',
  'social services': 'society',
  'social sphere': 'society',
  family: 'society',
  'youth policy': 'society',
  demographics: 'society',
  housing: 'society',
  'labour and employment': 'labour',
  employment: 'labour',
  weather: 'weather',
  tourism: 'lifestyle-leisure',
};

/** `Foo Bar & Baz` → `foo-bar-baz`. */
export function slugify(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/**
 * The topics a metadata tag gives a document: the tag itself, as a slug, so a source's or a
 * user's own topic is never silently replaced ("energy" stays "energy", "Foreign policy" is
 * findable as `foreign-policy`), and the IPTC topic it falls under where there is one, so the
 * document is found by the taxonomy too. A tag that only spells an IPTC topic ("Sports") is
 * that topic.
 */
export function tagTopics(tag: string): string[] {
  const slug = slugify(tag);
  if (slug === '') return [];
  const iptc = TAG_TO_IPTC[tag.trim().toLowerCase()] ?? TAG_TO_IPTC[slug.replace(/-/g, ' ')];
  if (iptc === undefined) return [slug];
  return slug === iptc || slug === `${iptc}s` ? [iptc] : [slug, iptc];
}

export class TopicTagger {
  private readonly single = new Map<string, string[]>();
  private readonly phrases = new Map<string, string[]>();

  constructor(taxonomy: Taxonomy) {
    for (const [topic, words] of Object.entries(taxonomy)) {
      for (const raw of words) {
        const w = raw.toLowerCase().trim();
        if (w.length === 0) continue;
        const parts = w.split(/\s+/);
        const map = parts.length > 1 ? this.phrases : this.single;
        const key = parts.length > 1 ? parts.slice(0, 2).join(' ') : w;
        const list = map.get(key) ?? [];
        if (!list.includes(topic)) list.push(topic);
        map.set(key, list);
      }
    }
  }

  /** Topic → number of keyword hits in `text`. */
  count(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu);
    if (!words) return counts;
    let prev = '';
    for (const w of words) {
      const hit = this.single.get(w) ?? (w.endsWith('s') ? this.single.get(w.slice(0, -1)) : undefined);
      if (hit) for (const t of hit) counts.set(t, (counts.get(t) ?? 0) + 1);
      if (this.phrases.size > 0 && prev) {
        const ph = this.phrases.get(prev + ' ' + w);
        if (ph) for (const t of ph) counts.set(t, (counts.get(t) ?? 0) + 2);
      }
      prev = w;
    }
    return counts;
  }

  /** Topics of a passage: every topic with a hit, strongest first, at most `max`. */
  tag(text: string, minHits = 1, max = 4): string[] {
    return rank(this.count(text), minHits, max);
  }
}

export function rank(counts: Map<string, number>, minHits: number, max: number): string[] {
  return [...counts.entries()]
    .filter(([, n]) => n >= minHits)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([t]) => t);
}
