/**
 * The corpus names pass as the service runs it (the rules are in extract/corpusNames.ts).
 * Each shard reports the speaker names its files gave (kept in its manifest, so a saved index
 * knows them without reading again); after a sync the service plans the merges over the
 * whole corpus and, when they changed, sends them with one more sync: the shards re-read only
 * the files with a speaker whose merged name changed.
 *
 * Cost: planning is linear in the number of distinct speaker names (milliseconds for
 * thousands); the extra sync re-reads the files that carry a newly merged name, so a first
 * build reads those files twice (bench/indexing/run.ts measures both parts) and a later
 * change re-reads only files whose speakers' merge changed.
 */
import { FoldedNameMap } from '../extract/nameFold';
import { mergeMap, planNameMerges, type NameMerge } from '../extract/corpusNames';

export class CorpusNamesPass {
  private readonly tallies = new Map<number, Array<[string, number]>>();
  private readonly people = new Map<number, Array<[string, number]>>();
  private merges: NameMerge[] = [];
  private pairs: Array<[string, string]> | null = null;
  private readonly held = new Map<number, string>();

  /** The merges the shards should read with (name as read → merged name); null before the first plan. */
  current(): Array<[string, string]> | null {
    return this.pairs;
  }

  /** The merges in force, for the user (largest first). */
  list(): NameMerge[] {
    return [...this.merges].sort((a, b) => b.statements - a.statements || (a.from < b.from ? -1 : 1));
  }

  /** A shard's speaker names after its sync. */
  report(
    shard: number,
    speakers: Array<[string, number]>,
    held: Array<[string, string]>,
    people: Array<[string, number]> = [],
  ): void {
    this.tallies.set(shard, speakers);
    this.people.set(shard, people);
    this.held.set(shard, key(held));
  }

  /**
   * Plans the merges over every shard's names; says whether a shard holds others. `aliases`: the
   * user's aliases file (canonical → aliases); a name it mentions is never merged.
   */
  plan(aliases: Record<string, string[]>): boolean {
    const tally = sum(this.tallies.values());
    const mentioned = new FoldedNameMap();
    for (const [canonical, list] of Object.entries(aliases))
      for (const name of [canonical, ...list]) mentioned.set(name, canonical);
    this.merges = planNameMerges(tally, (name) => mentioned.has(name), sum(this.people.values()));
    this.pairs = [...mergeMap(this.merges)];
    const planned = key(this.pairs);
    return [...this.held.values()].some((held) => held !== planned);
  }
}

function sum(lists: Iterable<Array<[string, number]>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of lists) for (const [name, n] of list) out.set(name, (out.get(name) ?? 0) + n);
  return out;
}

function key(pairs: Array<[string, string]>): string {
  return JSON.stringify([...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
