/** Options of extraction: the user's aliases and topic taxonomy (read from the corpus root). */
import { buildAliasTable, type AliasTable } from './speakers';
import { DEFAULT_TAXONOMY, TopicTagger, type Taxonomy } from './topics';

export interface ExtractOptions {
  /** Canonical name → aliases ("Jen Psaki": ["Psaki", "MS. PSAKI"]). */
  aliases: Record<string, string[]>;
  /** Topic slug → keywords. Defaults to the IPTC taxonomy. */
  taxonomy: Taxonomy;
  /** Use the built-in table of well-known officials (surname → full name). Default true. */
  builtInPeople: boolean;
}

export function defaultExtractOptions(): ExtractOptions {
  return { aliases: {}, taxonomy: DEFAULT_TAXONOMY, builtInPeople: true };
}

/** Derived, reusable state of a set of options (built once per corpus, not per file). */
export interface Prepared {
  aliases: AliasTable;
  tagger: TopicTagger;
}

const cache = new WeakMap<ExtractOptions, Prepared>();

export function prepare(options: ExtractOptions): Prepared {
  let p = cache.get(options);
  if (!p) {
    p = {
      aliases: buildAliasTable(options.aliases, options.builtInPeople),
      tagger: new TopicTagger(options.taxonomy),
    };
    cache.set(options, p);
  }
  return p;
}

/**
 * Merges a user taxonomy into the default: `replace` drops the defaults; otherwise keywords
 * are added to existing topics and new topics are created.
 */
export function mergeTaxonomy(base: Taxonomy, user: Taxonomy, replace: boolean): Taxonomy {
  if (replace) return { ...user };
  const out: Taxonomy = {};
  for (const [k, v] of Object.entries(base)) out[k] = [...v];
  for (const [k, v] of Object.entries(user)) out[k] = [...(out[k] ?? []), ...v];
  return out;
}
