/**
 * `dictum saved`: the corpus's saved searches with their counts of new matches, and
 * `dictum saved NAME`: runs one (as `dictum search` prints, or exports with --format) and marks
 * it opened, so its new count starts again from 0.
 */
import { LIMITS } from '../common/contract';
import {
  describeSavedQuery,
  savedSearchRequest,
  type SavedSearch,
  type SavedSearchList,
} from '../common/savedSearches';
import type { ExportFormat } from '../common/exportRows';
import type { SearchService } from '../service/index';
import { formatSearchResponse } from './format';

export interface SavedCommand {
  /** The saved search to run; absent: list them. */
  name: string | undefined;
  json: boolean;
  format: ExportFormat | null;
  limit: number | undefined;
}

export function formatSavedList(list: SavedSearchList): string {
  const lines: string[] = [];
  if (list.problem) lines.push(`problem: ${list.problem}`);
  if (list.searches.length === 0)
    lines.push('No saved searches yet (save one in the app with Ctrl+S, or POST /api/saved).');
  for (const search of list.searches) {
    const fresh = search.newCount === null ? 'not counted' : `${search.newCount} new`;
    const total = search.total === null ? '' : ` of ${search.total}`;
    lines.push(`${search.name}  ${fresh}${total}  (${describeSavedQuery(search.query)})`);
  }
  return `${lines.join('\n')}\n`;
}

/** The saved search of that name (case and spacing aside), or an error that lists the names. */
export function savedByName(list: SavedSearchList, name: string): SavedSearch {
  const wanted = name.replace(/\s+/g, ' ').trim().toLowerCase();
  const found = list.searches.find((s) => s.name.toLowerCase() === wanted);
  if (found) return found;
  const names = list.searches.map((s) => `"${s.name}"`).join(', ');
  throw new Error(`saved: no saved search named "${name}"${names ? ` (there are ${names})` : ''}`);
}

/** Runs the command; resolves with the exit code. */
export async function runSaved(service: SearchService, command: SavedCommand): Promise<number> {
  const status = await service.ready();
  if (status.error) throw new Error(status.error);
  const list = await service.saved.listSaved();
  if (command.name === undefined) {
    process.stdout.write(command.json ? `${JSON.stringify(list, null, 2)}\n` : formatSavedList(list));
    return 0;
  }
  const saved = savedByName(list, command.name);
  const request = savedSearchRequest(saved.query, command.limit ?? LIMITS.defaultPageSize);
  if (command.format) {
    const { writeExport } = await import('../service/exportWriter');
    await writeExport(service, request, command.format, process.stdout);
  } else {
    const response = await service.search(request);
    process.stdout.write(
      command.json ? `${JSON.stringify(response, null, 2)}\n` : formatSearchResponse(response, status),
    );
  }
  await service.saved.openSaved(saved.id);
  return 0;
}
