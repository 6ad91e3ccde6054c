/**
 * The speaker a speech's title names: "Remarks of President Joe Biden – State of the Union
 * Address", "Statement by Press Secretary Jen Psaki on ...". A document without speaker
 * labels whose title says whose remarks it holds is that person's words throughout.
 */
import { isGenericSpeaker, isTitleWord, ORG_WORDS, type SpeakerContext } from './speakers';

const SPEECH_TITLE =
  /^(?:[\p{L}-]+ )?(?:Remarks|Address|Speech|Statement|Message|Op-Ed)\b(?:(?! (?:by|of|from) ).){0,60} (?:by|of|from) (.+)$/iu;

/** Capitalised words that end a name in a title ("President Biden Before Marine One Departure"). */
const STOP = new Set(
  'before after during on in at with and of for to from by about into over upon ahead amid following aboard announcing marking laying honoring celebrating'.split(
    ' ',
  ),
);

/** The run of title and name words after "by"/"of", or null. */
function nameRun(rest: string): string | null {
  const words = rest.split(' ');
  const run: string[] = [];
  if (words[0]?.toLowerCase() === 'the') run.push(words.shift() as string);
  for (const w of words) {
    if (!/^\p{Lu}[\p{L}.'’-]*,?$/u.test(w) || STOP.has(w.toLowerCase())) break;
    run.push(w.replace(/,$/, ''));
    if (w.endsWith(',')) break;
  }
  const next = words[run.length - (run[0]?.toLowerCase() === 'the' ? 1 : 0)];
  // joint remarks ("President Biden and Prime Minister Kishida") name more than one speaker
  if (next?.toLowerCase() === 'and') return null;
  return run.length > (run[0]?.toLowerCase() === 'the' ? 1 : 0) ? run.join(' ') : null;
}

export function speechSpeaker(title: string, ctx: SpeakerContext): string | null {
  const m = SPEECH_TITLE.exec(title.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const run = nameRun(m[1] as string);
  if (!run) return null;
  // a person: an office or title first ("the President", "Secretary Blinken"), or a full name
  const [first, ...rest] = run.replace(/^the /i, '').split(' ');
  const titled = isTitleWord(first as string);
  if (!titled && (/^the /i.test(run) || rest.length === 0)) return null;
  const speaker = ctx.resolve(run, true);
  if (!speaker || isGenericSpeaker(speaker)) return null;
  return speaker.split(' ').some((w) => ORG_WORDS.has(w.toLowerCase())) ? null : speaker;
}
