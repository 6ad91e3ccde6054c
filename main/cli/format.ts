import type { Hit, SearchResponse, StatusResponse } from '../common/contract';

/** Marks highlighted words for a terminal: bold where stdout is a TTY, [brackets] elsewhere. */
function markHighlights(text: string, highlights: Array<[number, number]>, tty: boolean): string {
  let out = '';
  let at = 0;
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out +=
      text.slice(at, start) +
      (tty ? `\x1b[1m${text.slice(start, end)}\x1b[0m` : `[${text.slice(start, end)}]`);
    at = end;
  }
  return out + text.slice(at);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function formatSearchResponse(
  response: SearchResponse,
  status: StatusResponse,
  tty = Boolean(process.stdout.isTTY),
): string {
  const lines: string[] = [];
  lines.push(
    `${response.total} match${response.total === 1 ? '' : 'es'} in ${status.corpus.name} (${response.tookMs.toFixed(1)} ms)`,
  );
  for (const note of response.notes) lines.push(`note: ${note}`);
  for (const f of response.suggestions?.filters ?? []) {
    if (f.nearest.length > 0)
      lines.push(`${f.field}:${f.value} names nothing; did you mean ${f.nearest.join(', ')}?`);
  }
  if (response.suggestions?.query !== undefined) lines.push(`did you mean: ${response.suggestions.query}`);
  for (const hit of response.hits) {
    const who = hit.speaker ?? '(no speaker)';
    lines.push('');
    lines.push(`${who} · ${hit.date ?? 'undated'} · ${hit.kind} · ${clip(hit.title, 70)}`);
    const text = hit.text.length <= 400 ? markHighlights(hit.text, hit.highlights, tty) : hit.snippet;
    lines.push(`  ${text.replace(/\s+/g, ' ')}`);
    if (hit.group) lines.push(`  ${describeGroup(hit.group)}`);
    lines.push(`  ${hit.path}  [${hit.id}]`);
  }
  const facetLine = (name: string, values: Array<{ value: string; count: number }>) =>
    values.length
      ? `${name}: ${values
          .slice(0, 8)
          .map((v) => `${v.value} (${v.count})`)
          .join(', ')}`
      : '';
  lines.push('');
  for (const [name, values] of Object.entries(response.facets)) {
    const line = facetLine(name, values);
    if (line) lines.push(line);
  }
  if (response.next !== undefined) lines.push('', `more: --after ${response.next}`);
  return `${lines.join('\n')}\n`;
}

/** "reported by 7 sources, first on 2021-12-15 by CGTN" (and, in a group's listing, the diff). */
export function describeGroup(group: NonNullable<Hit['group']>): string {
  const first = `first on ${group.firstDate ?? 'an unknown date'} by ${group.firstBy}`;
  const line = `reported by ${group.sources} sources, ${first}  [group ${group.id}]`;
  if (group.reference) return `${line}\n  = the full version`;
  if (!group.diff) return line;
  const marks = {
    same: (w: string) => w,
    added: (w: string) => `{+${w}+}`,
    removed: (w: string) => `[-${w}-]`,
  };
  const diff = group.diff.map((part) => marks[part.op](part.words)).join(' ');
  return `${line}\n  ${group.fragment ? 'fragment: ' : ''}${diff}`;
}

export function formatStatus(status: StatusResponse): string {
  const p = status.progress;
  const files = p.filesTotal ? `${p.filesDone}/${p.filesTotal} files` : `${p.filesDone} files`;
  const skipped = status.skipped.length ? `, ${status.skipped.length} skipped` : '';
  const error = status.error ? ` — error: ${status.error}` : '';
  return `${status.corpus.name}: ${p.phase}, ${files}, ${status.documents} documents, ${status.passages} passages${skipped} (${(p.elapsedMs / 1000).toFixed(1)} s)${error}`;
}

/** The skipped files, one a line with its reason, as `dictum index` lists them. */
export function formatSkipped(skipped: StatusResponse['skipped']): string {
  if (skipped.length === 0) return '';
  // The component prefix (`corpus: `) helps a log, not a reader.
  const lines = skipped.map((s) => `  ${s.path} — ${s.reason.replace(/^[a-z]+: /, '')}`);
  return `skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'}:\n${lines.join('\n')}\n`;
}
