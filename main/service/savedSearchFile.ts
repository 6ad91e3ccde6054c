/**
 * The saved-searches file, `dictum-saved.json` at the corpus root beside the aliases and
 * topics files: plain JSON a person can read and edit (names and queries), plus Dictum's
 * record of the matches already seen (`seen`, compact). It is read as untrusted input: a file
 * that is not JSON is refused whole (and never overwritten); an entry that does not check out
 * is reported and written back exactly as it was, so fixing it by hand loses nothing.
 */
import { ContractError } from '../common/contract';
import { SAVED_FILE, type SavedQuery } from '../common/savedSearches';
import { validateSavedId, validateSavedName, validateSavedQuery } from '../common/savedValidate';

const FORMAT_VERSION = 1;

export interface StoredSearch {
  id: string;
  name: string;
  query: SavedQuery;
  created: string;
  lastOpened: string;
  /**
   * Fingerprints (see matchFingerprints) of its matches when it was last opened, sorted and
   * distinct; null when unknown (a hand-added entry): the next count takes them as seen.
   */
  seen: Uint32Array | null;
  /** The last count of new matches, kept so that a restart alerts only about more. */
  newCount: number | null;
  total: number | null;
}

export interface SavedFileContent {
  searches: StoredSearch[];
  /** Entries that did not check out, kept verbatim. */
  kept: unknown[];
  /** What was wrong with them, one line each. */
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isoTime(value: unknown, fallback: string): string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : fallback;
}

function countOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

export function encodeSeen(seen: Uint32Array): string {
  return Buffer.from(seen.buffer, seen.byteOffset, seen.byteLength).toString('base64');
}

/** The seen fingerprints, or null when the text is not what encodeSeen writes. */
export function decodeSeen(text: unknown): Uint32Array | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return null;
  const seen = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < seen.length; i++) seen[i] = bytes.readUInt32LE(i * 4);
  for (let i = 1; i < seen.length; i++) if (seen[i - 1]! >= seen[i]!) return null;
  return seen;
}

function parseEntry(raw: unknown, now: string): StoredSearch {
  if (!isRecord(raw)) throw new ContractError('saved: an entry must be an object');
  const id = validateSavedId(raw.id);
  const name = validateSavedName(raw.name);
  const query = validateSavedQuery(raw.query ?? {});
  const created = isoTime(raw.created, now);
  return {
    id,
    name,
    query,
    created,
    lastOpened: isoTime(raw.lastOpened, created),
    seen: decodeSeen(raw.seen),
    newCount: countOrNull(raw.newMatches),
    total: countOrNull(raw.matches),
  };
}

/** Throws (with a message that names the file and says what to do) when it is not usable at all. */
export function parseSavedFile(text: string, now = new Date().toISOString()): SavedFileContent {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(
      `saved: ${SAVED_FILE} is not valid JSON (${(error as Error).message}); fix it or move it away — Dictum will not overwrite it`,
    );
  }
  if (!isRecord(value) || !Array.isArray(value.searches)) {
    throw new Error(
      `saved: ${SAVED_FILE} must be an object with a "searches" list; fix it or move it away — Dictum will not overwrite it`,
    );
  }
  const content: SavedFileContent = { searches: [], kept: [], problems: [] };
  const ids = new Set<string>();
  const names = new Set<string>();
  value.searches.forEach((raw, n) => {
    try {
      const entry = parseEntry(raw, now);
      if (ids.has(entry.id)) throw new ContractError(`saved: the id ${entry.id} is used twice`);
      if (names.has(entry.name.toLowerCase()))
        throw new ContractError(`saved: the name "${entry.name}" is used twice`);
      ids.add(entry.id);
      names.add(entry.name.toLowerCase());
      content.searches.push(entry);
    } catch (error) {
      content.kept.push(raw);
      content.problems.push(`entry ${n + 1}: ${(error as Error).message.replace(/^saved: /, '')}`);
    }
  });
  return content;
}

export function formatSavedFile(searches: readonly StoredSearch[], kept: readonly unknown[]): string {
  const entries = searches.map((s) => ({
    id: s.id,
    name: s.name,
    query: s.query,
    created: s.created,
    lastOpened: s.lastOpened,
    ...(s.total !== null ? { matches: s.total } : {}),
    ...(s.newCount !== null ? { newMatches: s.newCount } : {}),
    ...(s.seen !== null ? { seen: encodeSeen(s.seen) } : {}),
  }));
  const file = {
    about:
      'Saved searches of Dictum for this folder. Names and queries may be edited; "seen" is Dictum\'s record of the matches already seen.',
    version: FORMAT_VERSION,
    searches: [...entries, ...kept],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
