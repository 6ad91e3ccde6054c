/**
 * Stage "names": the persons a document names, learned from its body (where capitals mean
 * names) and the offices its title binds, into the speaker context the later stages resolve
 * labels and mentions in.
 */
import { NAME_RUN, stripStarters } from '../mentions';
import type { Prepared } from '../options';
import { isTitleWord, SpeakerContext, stripTitles } from '../speakers';
import type { Dated } from './dating';

export interface Named extends Dated {
  ctx: SpeakerContext;
}

export function learnNames(input: Dated, prepared: Prepared): Named {
  const { raw, title, text, date } = input;
  // from what the document says, never from where it is filed
  const whiteHouse =
    /whitehouse\b/i.test(`${raw.url ?? ''} ${raw.source ?? ''}`) ||
    /\bWhite House\b/.test(`${title}\n${text.slice(0, 5000)}`);
  const ctx = new SpeakerContext(prepared.aliases, date, whiteHouse);
  // titles are in title case ("Remarks by President Biden Laying Out ..."): names are learned
  // from the body, where capitals mean names; the title only binds offices (below)
  const introEnd = Math.min(text.length, 200_000);
  NAME_RUN.lastIndex = 0;
  for (const m of text.slice(0, introEnd).matchAll(NAME_RUN)) {
    if (!m[0].includes(' ')) continue;
    let run = stripStarters(m[0]);
    // after "for"/"of" the first capitalised word names a field or place: "Envoy for Climate John Kerry"
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    if (/\b(?:for|of) $/.test(before) && run.split(' ').length === 3) run = run.split(' ').slice(1).join(' ');
    ctx.learn(run);
  }
  // a title names people with their office ("Press Briefing by Press Secretary Jen Psaki"):
  // a run that starts with a title word gives the full name that the labels ("MS. PSAKI:") shorten
  // (title case runs on: "Vice President Harris During Tour of ..." is no name)
  for (const m of title.matchAll(NAME_RUN)) {
    const words = m[0].split(/\s+/);
    const { role, name } = stripTitles(m[0]);
    const titled = role.some((w) => isTitleWord(w) && !/^(?:of|the)$/i.test(w));
    if (words.length <= 6 && titled && name.length >= 2) ctx.learn(m[0]);
  }
  const officeInTitle =
    /\b(Vice President|President|First Lady|Second Gentleman)\s+((?:\p{Lu}[\p{L}’'-]+\s*){1,3})/u.exec(title);
  if (officeInTitle) {
    const office = (
      {
        'Vice President': 'vice-president',
        President: 'president',
        'First Lady': 'first-lady',
        'Second Gentleman': 'second-gentleman',
      } as const
    )[officeInTitle[1] as 'President'];
    ctx.learnOffice(office, (officeInTitle[2] as string).trim().split(/\s+/));
  }

  return { ...input, ctx };
}
