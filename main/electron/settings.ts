/**
 * The desktop app's small persistent state: the window's size and place, the recent
 * corpora and the theme, in one JSON file in the user-data folder. The file is read as
 * untrusted input (a hand edit or a crash mid-write must not stop the app): every field is
 * checked and a bad one falls back to its default.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';

export const THEME_SOURCES = ['system', 'light', 'dark'] as const;
export type ThemeSource = (typeof THEME_SOURCES)[number];

export interface WindowState {
  /** Absent when the window should be centred by the system. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Settings {
  window: WindowState | null;
  /** Most recent first, absolute paths. */
  recentCorpora: string[];
  theme: ThemeSource;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW = { width: 1200, height: 820 } as const;
export const MIN_WINDOW = { width: 640, height: 480 } as const;
/** Larger than any screen; only stops absurd values from a damaged file. */
const MAX_WINDOW_SIDE = 16_384;
export const MAX_RECENT = 10;
/** How much of a window must be on a screen for its saved place to be kept. */
const MIN_VISIBLE = { width: 120, height: 40 } as const;

export function defaultSettings(): Settings {
  return { window: null, recentCorpora: [], theme: 'system' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integerIn(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : undefined;
}

function parseWindow(raw: unknown): WindowState | null {
  if (!isRecord(raw)) return null;
  const width = integerIn(raw.width, MIN_WINDOW.width, MAX_WINDOW_SIDE);
  const height = integerIn(raw.height, MIN_WINDOW.height, MAX_WINDOW_SIDE);
  if (width === undefined || height === undefined) return null;
  const state: WindowState = { width, height, maximized: raw.maximized === true };
  const x = integerIn(raw.x, -MAX_WINDOW_SIDE * 4, MAX_WINDOW_SIDE * 4);
  const y = integerIn(raw.y, -MAX_WINDOW_SIDE * 4, MAX_WINDOW_SIDE * 4);
  // A place needs both coordinates; half of one is no place.
  if (x !== undefined && y !== undefined) Object.assign(state, { x, y });
  return state;
}

/** Settings from whatever the file held; never throws. */
export function parseSettings(raw: unknown): Settings {
  const settings = defaultSettings();
  if (!isRecord(raw)) return settings;
  settings.window = parseWindow(raw.window);
  if (Array.isArray(raw.recentCorpora)) {
    const seen = new Set<string>();
    for (const entry of raw.recentCorpora) {
      if (typeof entry !== 'string' || entry.length > 4096 || !isAbsolute(entry) || seen.has(entry)) continue;
      seen.add(entry);
      settings.recentCorpora.push(entry);
      if (settings.recentCorpora.length === MAX_RECENT) break;
    }
  }
  if (typeof raw.theme === 'string' && (THEME_SOURCES as readonly string[]).includes(raw.theme)) {
    settings.theme = raw.theme as ThemeSource;
  }
  return settings;
}

/** The saved settings, or the defaults when the file is missing or unreadable. */
export async function loadSettings(file: string): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return defaultSettings();
  }
  try {
    return parseSettings(JSON.parse(text));
  } catch {
    return defaultSettings();
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export async function saveSettings(file: string, settings: Settings): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
  await rename(temporary, file);
}

/** The recent list with `dir` first, without duplicates, at most MAX_RECENT long. */
export function withRecent(recent: readonly string[], dir: string): string[] {
  return [dir, ...recent.filter((entry) => entry !== dir)].slice(0, MAX_RECENT);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved window fitted to today's screens: a place on a screen that is gone (an unplugged
 * monitor) or mostly off every screen is dropped, so the system centres the window; a size
 * larger than the screen it lands on is shrunk to that screen.
 */
export function fitWindowToDisplays(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const state: WindowState = saved
    ? { ...saved }
    : { width: DEFAULT_WINDOW.width, height: DEFAULT_WINDOW.height, maximized: false };
  const largest = workAreas.reduce<Rect | null>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    null,
  );
  if (state.x !== undefined && state.y !== undefined) {
    const rect = { x: state.x, y: state.y, width: state.width, height: state.height };
    const home = workAreas.find((area) => {
      const seen = overlap(rect, area);
      return seen.width >= MIN_VISIBLE.width && seen.height >= MIN_VISIBLE.height;
    });
    if (home) {
      state.width = Math.max(MIN_WINDOW.width, Math.min(state.width, home.width));
      state.height = Math.max(MIN_WINDOW.height, Math.min(state.height, home.height));
      // The title bar must be reachable: keep the top edge on the screen.
      state.y = Math.min(Math.max(state.y, home.y), home.y + home.height - MIN_VISIBLE.height);
      return state;
    }
    delete state.x;
    delete state.y;
  }
  if (largest) {
    state.width = Math.max(MIN_WINDOW.width, Math.min(state.width, largest.width));
    state.height = Math.max(MIN_WINDOW.height, Math.min(state.height, largest.height));
  }
  return state;
}
