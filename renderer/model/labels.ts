/** How values are named for people: topics, kinds and facets. */
import { NO_SPEAKER, type PassageKind } from '../../main/common/contract';

const IPTC_LABELS: Record<string, string> = {
  'arts-culture-entertainment-media': 'Arts, culture, entertainment and media',
  'conflict-war-peace': 'Conflict, war and peace',
  'crime-law-justice': 'Crime, law and justice',
  'disaster-accident-emergency': 'Disaster, accident and emergency',
  'economy-business-finance': 'Economy, business and finance',
  education: 'Education',
  environment: 'Environment',
  health: 'Health',
  'human-interest': 'Human interest',
  labour: 'Labour',
  'lifestyle-leisure': 'Lifestyle and leisure',
  politics: 'Politics',
  religion: 'Religion',
  'science-technology': 'Science and technology',
  society: 'Society',
  sport: 'Sport',
  weather: 'Weather',
};

/** Whether the topic is one of the IPTC taxonomy's (else a source's tag or a user's own topic). */
export function isIptcTopic(slug: string): boolean {
  return slug in IPTC_LABELS;
}

/** A topic's name: the IPTC label for the default taxonomy's slugs, else its slug in words ("state-decorations" → "State decorations"). */
export function topicLabel(slug: string): string {
  const label = IPTC_LABELS[slug];
  if (label !== undefined) return label;
  const words = slug.replace(/-+/g, ' ').trim();
  return words === '' ? slug : words.charAt(0).toUpperCase() + words.slice(1);
}

/** A speaker's name; the statements without one are "No speaker". */
export function speakerLabel(value: string): string {
  return value === NO_SPEAKER ? 'No speaker' : value;
}

const KIND_LABELS: Record<PassageKind, string> = { quote: 'Quote', turn: 'Turn', narrative: 'Narrative' };
const KIND_DESCRIPTIONS: Record<PassageKind, string> = {
  quote: 'Words in quotation marks attributed to a speaker',
  turn: "A speaker's turn in a transcript",
  narrative: 'Other prose',
};

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export function kindDescription(kind: string): string {
  return (KIND_DESCRIPTIONS as Record<string, string>)[kind] ?? '';
}

export const FACET_TITLES = { speaker: 'Speaker', topic: 'Topic', date: 'Date', kind: 'Kind' } as const;
/** The title of the topic facet's second list: the sources' own tags and the user's topics. */
export const TAGS_TITLE = 'Tags';

/** A quote group in words: "Reported by 3 sources, first on 2021-12-15 by CGTN". */
export function reportedLabel(group: { sources: number; firstDate: string | null; firstBy: string }): string {
  const when = group.firstDate ? ` on ${group.firstDate}` : '';
  return `Reported by ${group.sources} sources, first${when} by ${group.firstBy}`;
}
