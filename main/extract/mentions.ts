/**
 * Persons named in text: capitalised runs, the words that open sentences rather than names,
 * and the canonical person a run names in a document's speaker context. Shared by the
 * names stage (learning who a document names) and the attribution stage (who spoke).
 */
import type { SpeakerContext } from './speakers';
import { ORG_WORDS, stripTitles } from './speakers';

/** Leading capitalised words that start sentences, not names. */
const STARTERS = new Set(
  (
    'the a an but and or so in on at as when while after before if then this that these those however ' +
    'meanwhile still yet also now today yesterday tomorrow it he she they we i his her their our my its both ' +
    'for from with without since although though because under over during last next earlier later finally ' +
    'instead indeed asked speaking according while where what why how who whom whose there here all some ' +
    'many most more one two three several no not even only just until unlike like despite given ' +
    'by to into of about among between against thus hence moreover furthermore besides otherwise ' +
    'yes well oh sure thanks thank please mr. ms. mrs. dr.'
  ).split(' '),
);

export function stripStarters(phrase: string): string {
  const words = phrase.split(/\s+/);
  let i = 0;
  while (i < words.length && STARTERS.has((words[i] as string).toLowerCase().replace(/,$/, ''))) i++;
  return words.slice(i).join(' ');
}

// an abbreviated title may stand inside the run too: "Former Arkansas Gov. Mike Huckabee"
export const NAME_RUN =
  /(?:\p{Lu}\.|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Rev|Sgt|Prof|Amb|Adm)\.|\p{Lu}[\p{L}’'-]*)(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?(?:\p{Lu}\.|(?:Sen|Rep|Gov|Gen|Lt|Col|Capt|Rev|Sgt|Prof|Amb|Adm)\.(?=[ \t]+\p{Lu})|\p{Lu}[\p{L}’'-]*))*/gu;

export interface Mention {
  at: number;
  name: string;
}

/** Persons named in a stretch of text, in order, for pronoun resolution. */
export function personMentions(text: string, ctx: SpeakerContext, from: number, to: number): Mention[] {
  const out: Mention[] = [];
  NAME_RUN.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = NAME_RUN.exec(text)) !== null && m.index < to) {
    const name = personName(m[0], ctx);
    if (name) out.push({ at: m.index, name });
  }
  return out;
}

/** The canonical person a capitalised run names, or null when it is not clearly a person. */
export function personName(run: string, ctx: SpeakerContext): string | null {
  const phrase = stripStarters(run.replace(/[’']s$/, ''));
  if (phrase.length === 0) return null;
  const { name } = stripTitles(phrase);
  if (name.length === 0 || name.some((w) => ORG_WORDS.has(w.toLowerCase()) || /-\p{Ll}/u.test(w)))
    return null;
  const resolved = ctx.resolve(phrase);
  if (!resolved) return null;
  return resolved.includes(' ') || name.length >= 2 ? resolved : null;
}
