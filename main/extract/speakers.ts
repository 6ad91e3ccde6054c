/**
 * Speaker names: turning the many surface forms of a person ("Xi", "President Xi",
 * "MS. PSAKI", "President of Russia Vladimir Putin") into one canonical name.
 *
 * Resolution order for a mention: the user's aliases; full names found in the same
 * document ("Press Secretary Jen Psaki" makes "Psaki" Jen Psaki); the built-in table of
 * well-known officials below; else the mention itself with its titles removed. Generic
 * roles ("Q", "MODERATOR", "SENIOR ADMINISTRATION OFFICIAL") map to generic labels and are
 * never turned into a person.
 */
import { KNOWN_PEOPLE } from './knownPeople';
import { FoldedNameMap } from './nameFold';

export { KNOWN_PEOPLE } from './knownPeople';

const KNOWN_SET = new Set(KNOWN_PEOPLE.map((n) => n.toLowerCase()));

/** Titles, honorifics and role words that precede a name and are not part of it. */
const TITLE_WORDS = new Set(
  (
    'mr mrs ms miss dr prof professor sir madam madame mme lord lady sen senator rep representative gov governor ' +
    'president vice prime minister premier chancellor secretary press deputy acting foreign defense defence ' +
    'state general gen attorney chief justice judge ambassador spokesman spokeswoman spokesperson chairman ' +
    'chairwoman chair director administrator adviser advisor king queen prince princess his her excellency ' +
    'majesty highness first second lady gentleman mayor speaker leader minority majority sec pope cardinal ' +
    'rev reverend father sheikh emir crown council national security economic senior former then ' +
    'candidate nominee democratic republican presidential congressman congresswoman colonel col lieutenant lt ' +
    'admiral adm sergeant sgt captain capt rev prof amb commissioner surgeon coordinator officer executive head ceo ' +
    'chairperson patriarch aide ombudsman envoy representative vp doctors doctor advisors advisers' +
    ' the of'
  ).split(' '),
);

/**
 * Words that may describe a role when a title follows ("Russian President", "U.S. Secretary"):
 * only taken as part of the role when a title word comes after them, so "Brian Deese" stays
 * a name.
 */
function isDescriptor(word: string): boolean {
  const w = word.toLowerCase().replace(/[.’']/g, '');
  return (
    /^\p{Lu}/u.test(word) && (/(?:ian|ese|ish|ean|can|ch|ic|i|an)$/.test(w) || /^(?:us|uk|un|eu)$/.test(w))
  );
}

/** Generic roles: label (normalised, lower case) → the generic speaker name. */
const GENERIC_LABELS: Record<string, string> = {
  q: 'Reporter',
  question: 'Reporter',
  reporter: 'Reporter',
  reporters: 'Reporters',
  journalist: 'Reporter',
  'audience member': 'Audience member',
  audience: 'Audience',
  participant: 'Participant',
  participants: 'Participants',
  remark: 'Remark',
  comment: 'Remark',
  reply: 'Reply',
  response: 'Reply',
  answer: 'Reply',
  moderator: 'Moderator',
  operator: 'Operator',
  'the operator': 'Operator',
  'the moderator': 'Moderator',
  'senior administration official': 'Senior administration official',
  'senior administration officials': 'Senior administration official',
  'senior state department official': 'Senior State Department official',
  'senior defense official': 'Senior defense official',
  'administration official': 'Administration official',
  'senior official': 'Senior official',
  official: 'Official',
  staff: 'Staff',
  interpreter: 'Interpreter',
  translator: 'Interpreter',
  'audience members': 'Audience member',
  crowd: 'Audience',
  'participant in the meeting': 'Participant',
};

/** Lower-case words inside names: "Ben van Beurden", "Charles de Gaulle". */
const NAME_PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'di',
  'du',
  'le',
  'la',
  'al',
  'bin',
  'ibn',
  'el',
]);

/** Whether a transcript label names a role rather than a person ("Question", "Moderator"). */
export function isGenericLabel(label: string): boolean {
  return Object.hasOwn(GENERIC_LABELS, label.trim().toLowerCase());
}

const GENERIC_SPEAKERS = new Set(Object.values(GENERIC_LABELS).map((n) => n.toLowerCase()));

/** Whether a speaker name, as reading writes it, is a role ("Reporter", "Senior administration official"). */
export function isGenericSpeaker(name: string): boolean {
  return GENERIC_SPEAKERS.has(name.trim().toLowerCase());
}

/** Roles whose holder depends on the document (the White House at the time). */
const OFFICE_LABELS: Record<string, 'president' | 'vice-president' | 'first-lady' | 'second-gentleman'> = {
  'the president': 'president',
  president: 'president',
  'the vice president': 'vice-president',
  'vice president': 'vice-president',
  'the first lady': 'first-lady',
  'first lady': 'first-lady',
  'dr. biden': 'first-lady',
  'dr biden': 'first-lady',
  'mrs. biden': 'first-lady',
  'the second gentleman': 'second-gentleman',
  'second gentleman': 'second-gentleman',
};

/** Holders of US offices by start date (ISO), for "THE PRESIDENT" in White House transcripts. */
const US_OFFICES: Record<string, Array<[string, string]>> = {
  president: [
    ['1993-01-20', 'Bill Clinton'],
    ['2001-01-20', 'George W. Bush'],
    ['2009-01-20', 'Barack Obama'],
    ['2017-01-20', 'Donald Trump'],
    ['2021-01-20', 'Joe Biden'],
  ],
  'vice-president': [
    ['2009-01-20', 'Joe Biden'],
    ['2017-01-20', 'Mike Pence'],
    ['2021-01-20', 'Kamala Harris'],
  ],
  'first-lady': [
    ['2009-01-20', 'Michelle Obama'],
    ['2017-01-20', 'Melania Trump'],
    ['2021-01-20', 'Jill Biden'],
  ],
  'second-gentleman': [['2021-01-20', 'Doug Emhoff']],
};

/** Other names of the well-known people above (nicknames, formal forms): alias → canonical. */
export const KNOWN_ALIASES: Record<string, string> = {
  'tony fauci': 'Anthony Fauci',
  'joseph r. biden': 'Joe Biden',
  'joseph r. biden jr.': 'Joe Biden',
  'joseph biden': 'Joe Biden',
  'joe biden jr.': 'Joe Biden',
  'kamala d. harris': 'Kamala Harris',
  'donald j. trump': 'Donald Trump',
  'hillary rodham clinton': 'Hillary Clinton',
  'barack h. obama': 'Barack Obama',
  'vladimir vladimirovich putin': 'Vladimir Putin',
  'volodymyr zelensky': 'Volodymyr Zelenskyy',
  'bernard sanders': 'Bernie Sanders',
  'rafael edward cruz': 'Ted Cruz',
};

export interface AliasTable {
  /** alias (lower case) → canonical name */
  /** alias → canonical name; "Sergey Lavrov" finds the alias "Sergei Lavrov" (nameFold.ts) */
  byAlias: Map<string, string>;
  /** surname / single token (lower case) → canonical full names */
  byToken: Map<string, string[]>;
}

export function buildAliasTable(userAliases: Record<string, string[]>, builtIn = true): AliasTable {
  const byAlias = new FoldedNameMap();
  const byToken = new Map<string, string[]>();
  const addToken = (token: string, name: string) => {
    const k = token.toLowerCase();
    const list = byToken.get(k) ?? [];
    if (!list.includes(name)) list.push(name);
    byToken.set(k, list);
  };
  if (builtIn) {
    for (const name of KNOWN_PEOPLE) {
      const parts = name.split(' ');
      const last = parts[parts.length - 1] as string;
      addToken(last, name);
      // Chinese names lead with the family name: "Xi" is Xi Jinping.
      if (/^(?:Xi|Li|Wang|Hu|Wen|Jiang|Zhou|Zhao|Liu|Chen|Yang|Huang|Zhang)$/.test(parts[0] as string)) {
        addToken(parts[0] as string, name);
      }
      byAlias.set(name.toLowerCase(), name);
    }
    for (const [alias, name] of Object.entries(KNOWN_ALIASES)) byAlias.set(alias, name);
  }
  for (const [canonical, aliases] of Object.entries(userAliases)) {
    byAlias.set(canonical.toLowerCase(), canonical);
    for (const a of aliases) {
      byAlias.set(a.toLowerCase(), canonical);
      if (!/\s/.test(a.trim())) {
        // a one-word alias is a surname-like key: it replaces the built-in guess
        byToken.set(a.trim().toLowerCase(), [canonical]);
      }
    }
  }
  return { byAlias, byToken };
}

/** "JEAN-PIERRE" → "Jean-Pierre"; "McDONOUGH" keeps its mixed case. */
export function titleCase(word: string): string {
  if (/[a-z]/.test(word)) return word;
  return word
    .toLowerCase()
    .replace(/(^|[-'’\s.])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

const PRONOUNS = new Set(['he', 'she', 'him', 'her', 'they', 'i', 'we', 'you', 'it', 'his', 'hers', 'their']);

export function isPronoun(word: string): boolean {
  return PRONOUNS.has(word.toLowerCase());
}

/**
 * Splits a name-like phrase into its role words and its name part: "Russian President
 * Vladimir Putin" → role "Russian President", name "Vladimir Putin"; "President of Russia
 * Vladimir Putin" → role "President of Russia", name "Vladimir Putin".
 */
export function stripTitles(phrase: string): { role: string[]; name: string[] } {
  const words = phrase
    .replace(/[,:]+$/, '')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  let lastRole = -1;
  let afterOf = false;
  let consumedAfterOf = false;
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i] as string;
    const lower = w.toLowerCase();
    if (isTitleWord(w)) {
      lastRole = i;
      if (lower === 'of') {
        afterOf = true;
        consumedAfterOf = false;
      }
      continue;
    }
    if (afterOf && (isDescriptor(w) || ORG_WORDS.has(lower) || !consumedAfterOf)) {
      lastRole = i;
      consumedAfterOf = true;
      continue;
    }
    if (isDescriptor(w)) continue;
    break;
  }
  const name = words.slice(lastRole + 1);
  if (name.length > 3 || name.some((w) => !/^\p{Lu}/u.test(w))) {
    // a long role ("Minister of Industry and Trade Denis Manturov"): the name is the
    // trailing run of capitalised words that are neither titles nor organisation words
    // ("Ben van Beurden": a lower-case particle between capitalised words belongs to the name)
    let k = words.length;
    let particles = 0;
    while (k > 0 && words.length - k - particles < 3) {
      const w = words[k - 1] as string;
      if (k < words.length && k > 1 && NAME_PARTICLES.has(w)) {
        particles++;
        k--;
        continue;
      }
      if (!/^\p{Lu}/u.test(w) || isTitleWord(w) || ORG_WORDS.has(w.toLowerCase()) || /,$/.test(w)) break;
      k--;
    }
    if (NAME_PARTICLES.has(words[k] ?? '')) k++;
    // "President of Moldova Igor Dodon": the word after "of" is the place
    if (k < words.length - 1 && (words[k - 1] ?? '').toLowerCase() === 'of') k++;
    // after a role, a three-word run is usually a place or body and a two-word name
    // ("Minister of Industry and Trade Denis Manturov"), unless it is a known full name
    if (
      k > 0 &&
      words.length - k - particles === 3 &&
      !KNOWN_SET.has(words.slice(k).join(' ').toLowerCase())
    ) {
      if (!/^\p{Lu}\.$/u.test(words[k + 1] as string)) k++;
    }
    if (k < words.length) return { role: words.slice(0, k), name: words.slice(k) };
  }
  return { role: words.slice(0, lastRole + 1), name };
}

export function isTitleWord(word: string): boolean {
  return TITLE_WORDS.has(word.toLowerCase().replace(/[.’']/g, ''));
}

/**
 * One document's view of who is who: full names seen in it, role phrases bound to names by
 * appositives ("Russian President Vladimir Putin" → "russian president"), and the office
 * holders named in its title.
 */
export class SpeakerContext {
  private readonly fullNames = new Map<string, string[]>();
  private readonly roles = new Map<string, string>();
  private readonly offices = new Map<string, string>();
  /** How often each full name was seen, to pick the usual one for a bare surname. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly aliases: AliasTable,
    /** Document date, to pick office holders (`THE PRESIDENT`). */
    private readonly date: string | null,
    /** Whether "THE PRESIDENT" may default to the US president of the day. */
    private readonly usOffices: boolean,
  ) {}

  /** Learns names and role appositives from a run of capitalised words. */
  learn(phrase: string): void {
    const { role, name } = stripTitles(phrase);
    if (name.length < 2 || name.length > 4) return;
    if (name.some((w) => !/^\p{Lu}/u.test(w) || isTitleWord(w))) return;
    // upper-case runs are labels and headlines ("M. PSAKI:"), not how names are written
    if (name.some((w) => w.length > 2 && !/\p{Ll}/u.test(w))) return;
    if (name.some((w) => ORG_WORDS.has(w.toLowerCase()))) return;
    if (name.some((w) => NOT_NAME_WORDS.has(w.toLowerCase()) || (w.length >= 8 && /ing$/.test(w)))) return;
    // "Envoy for Climate John Kerry": a known two-word name at the end is the name
    if (name.length === 3 && KNOWN_SET.has(name.slice(1).join(' ').toLowerCase())) name.shift();
    const full = name.join(' ').replace(/[’']s$/, '');
    // "Marcia L. Fudge" is the Marcia Fudge of the aliases
    const noInitials = name
      .filter((w, i) => i === 0 || i === name.length - 1 || !/^\p{Lu}\.$/u.test(w))
      .join(' ');
    const canonical =
      this.aliases.byAlias.get(full.toLowerCase()) ??
      this.aliases.byAlias.get(noInitials.toLowerCase()) ??
      full;
    const tokens = canonical.split(' ');
    const keys = [tokens[tokens.length - 1] as string, tokens[0] as string];
    for (const k of keys) {
      const key = k.toLowerCase();
      const list = this.fullNames.get(key) ?? [];
      if (!list.includes(canonical)) list.push(canonical);
      this.fullNames.set(key, list);
    }
    this.seen.set(canonical, (this.seen.get(canonical) ?? 0) + 1);
    if (role.length > 0) {
      const roleKey = role
        .map((w) => w.toLowerCase())
        .filter((w) => w !== 'the' && w !== 'former')
        .join(' ');
      if (roleKey.length > 0) {
        this.roles.set(roleKey, canonical);
        // "Chinese President" also binds "president" when no other president is named
        const head = roleKey.split(' ').pop() as string;
        if (!this.roles.has(head)) this.roles.set(head, canonical);
      }
    }
  }

  /** The full names learned, most seen first (ties in the order learned). */
  people(limit: number): string[] {
    return [...this.seen.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name]) => name);
  }

  /**
   * Binds an office to the person a title names ("Remarks by President Biden" → the
   * president is Biden; among the Bidens, the one who held the office on the date).
   */
  learnOffice(
    office: 'president' | 'vice-president' | 'first-lady' | 'second-gentleman',
    words: string[],
  ): void {
    if (this.offices.has(office) || words.length === 0) return;
    const first = (words[0] as string).toLowerCase();
    const holder = this.date ? holderOn(office, this.date) : null;
    if (holder && holder.split(' ').pop()?.toLowerCase() === first) {
      this.offices.set(office, holder);
      return;
    }
    const pair = words.slice(0, 2).join(' ').toLowerCase();
    const name = this.aliases.byAlias.get(pair) ?? this.resolve(words[0] as string);
    if (name) this.offices.set(office, name);
  }

  /** Resolves a role phrase ("the Russian president") bound earlier by an appositive. */
  resolveRole(phrase: string): string | null {
    const key = phrase
      .toLowerCase()
      .replace(/^(?:the|a|an)\s+/, '')
      .replace(/[’']s$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    const direct = this.roles.get(key);
    if (direct) return direct;
    return null;
  }

  /**
   * Canonical name for a person mention; null when the mention is not a name.
   * `label` marks a transcript label (upper case, may be generic or an office).
   */
  resolve(mention: string, label = false): string | null {
    const raw = mention
      .replace(/\s+/g, ' ')
      .replace(/[:,.]+$/, '')
      .trim();
    if (raw.length === 0) return null;
    const lower = raw.toLowerCase();
    const userAlias = this.aliases.byAlias.get(lower);
    if (userAlias) return userAlias;
    const generic = GENERIC_LABELS[lower];
    if (generic) return generic;
    const office = OFFICE_LABELS[lower] ?? OFFICE_LABELS[lower.replace(/^the\s+/, '')];
    if (office) {
      const known = this.offices.get(office);
      if (known) return known;
      if (label && this.usOffices && this.date) return holderOn(office, this.date) ?? titleCase(raw);
      return label ? titleCase(raw.replace(/^the\s+/i, '')) : null;
    }
    let { name } = stripTitles(raw);
    // a stray initial in a label ("M. PSAKI", a typo of "MS. PSAKI") is not a first name
    if (label && name.length > 1)
      name = name.filter((w, i) => i === name.length - 1 || !/^\p{Lu}\.$/u.test(w));
    if (name.length === 0) return null;
    const cased = name
      .map((w) => titleCase(w))
      .join(' ')
      .replace(/[’']s$/, '');
    const aliasOfName = this.aliases.byAlias.get(cased.toLowerCase());
    if (aliasOfName) return aliasOfName;
    if (name.length === 1) {
      const token = cased.toLowerCase();
      // religious and royal titles are part of how such a person is named ("Patriarch Kirill")
      const lastRole = stripTitles(raw).role.slice(-1)[0];
      if (
        lastRole &&
        /^(?:patriarch|pope|king|queen|prince|princess|sheikh|emir|cardinal|metropolitan|sultan|emperor|empress)$/i.test(
          lastRole,
        )
      ) {
        return `${titleCase(lastRole.toLowerCase()).replace(/^./, (c) => c.toUpperCase())} ${cased}`;
      }
      // "PRESIDENT BIDEN": among the Bidens, the one who held that office then
      const officeWords = stripTitles(raw)
        .role.map((w) => w.toLowerCase())
        .join(' ');
      const office = OFFICE_LABELS[officeWords];
      if (office) {
        const inDocOffice = this.offices.get(office);
        if (inDocOffice && inDocOffice.toLowerCase().endsWith(' ' + token)) return inDocOffice;
        const holder = this.date ? holderOn(office, this.date) : null;
        if (holder && holder.toLowerCase().endsWith(' ' + token)) return holder;
      }
      const inDoc = this.fullNames.get(token);
      if (inDoc && inDoc.length > 0) {
        let best = inDoc[0] as string;
        for (const n of inDoc) if ((this.seen.get(n) ?? 0) > (this.seen.get(best) ?? 0)) best = n;
        return best;
      }
      const known = this.aliases.byToken.get(token);
      if (known && known.length === 1) return known[0] as string;
      return cased;
    }
    // "Putin" in "Vladimir Putin" is already full; check the doc for a longer form
    // ("Joe Biden" vs "Joseph R. Biden") only through aliases.
    return cased;
  }
}

function holderOn(office: string, date: string): string | null {
  const list = US_OFFICES[office];
  if (!list) return null;
  let holder: string | null = null;
  for (const [from, name] of list) if (date >= from) holder = name;
  return holder;
}

/** Capitalised words of titles and sentence openings that are never part of a person's name. */
const NOT_NAME_WORDS = new Set(
  (
    'before after during on in at with and of for to from by about into over under upon ahead amid following ' +
    'out up down off back laying marking q i ' +
    'remarks briefing call meeting event signing was is will did does do has have had can could should would ' +
    "doctors democrat democrats republican republicans vp it’s it's i’m i'm we’re that’s there’s here’s " +
    'today tonight yesterday tomorrow thank thanks welcome hello good morning afternoon evening please'
  ).split(' '),
);

/** Words that make a capitalised run an organisation or place, not a person. */
export const ORG_WORDS = new Set(
  (
    'house office council department ministry party university institute olympics games square street ' +
    'committee commission agency bank union nations states republic kingdom federation times post news ' +
    'press association center centre group company corporation inc corp ltd administration government ' +
    'congress senate parliament court army navy force forces airport station city county province region ' +
    'ocean sea river lake mountain island islands winter summer international world global national ' +
    'north south east west day week month year monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december club league ' +
    'foundation fund school college hospital church media network channel magazine journal review ' +
    'project program programme initiative act bill law treaty summit forum conference meeting'
  ).split(' '),
);
