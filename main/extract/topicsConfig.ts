/**
 * The topics file format, read the same way for a user's `dictum-topics.yaml` (or `.json`) and
 * for Dictum's own default (defaultTopics.json): `replace: true|false` and `topics:` mapping a
 * topic slug to its keywords, or a plain slug → keywords mapping.
 */

/** Topic slug → the words and tags that mean it. */
export type Taxonomy = Record<string, string[]>;
export interface TopicsConfig {
  taxonomy: Taxonomy;
  /** The topics replace the defaults instead of adding to them. */
  replace: boolean;
}

/** Throws an Error naming the topic whose keywords are not a list. */
export function readTopicsConfig(value: Record<string, unknown>): TopicsConfig {
  const replace = value.replace === true;
  const topics =
    value.topics && typeof value.topics === 'object' ? (value.topics as Record<string, unknown>) : value;
  const taxonomy: Taxonomy = {};
  for (const [topic, words] of Object.entries(topics)) {
    if (topic === 'replace') continue;
    if (!Array.isArray(words)) throw new Error(`topic "${topic}" must have a list of keywords`);
    taxonomy[topic] = words
      .filter((x): x is string => typeof x === 'string')
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
  }
  return { taxonomy, replace };
}
