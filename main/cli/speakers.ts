/** `dictum speakers --merges`: the speaker names merged across the corpus, and why. */
import type { NameMerge } from '../extract/corpusNames';

export function formatNameMerges(merges: readonly NameMerge[]): string {
  if (merges.length === 0) return 'No speaker names were merged.\n';
  const lines = merges.map(
    (m) => `${m.from} → ${m.to}  (${m.reason}; ${m.statements} statement${m.statements === 1 ? '' : 's'})`,
  );
  return (
    `${merges.length} speaker name${merges.length === 1 ? '' : 's'} merged across the corpus ` +
    `(write a name in dictum-aliases.yaml to keep it apart):\n${lines.join('\n')}\n`
  );
}
