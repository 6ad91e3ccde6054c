/**
 * The desktop app's small persistent state: the window's size and place, the recent
 * corpora and the theme, in one JSON file in the user-data folder. The file is read as
 * untrusted input (a hand edit or a crash mid-write must not stop the app): every field is
 * checked against its schema and a bad one falls back to its default. The types are the
 * schemas' own.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const THEME_SOURCES = ['system', 'light', 'dark'] as const;
const ThemeSchema = Type.Union(THEME_SOURCES.map((t) => Type.Literal(t)));
export type ThemeSource = Static<typeof ThemeSchema>;

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

const SideSchema = (min: number) => Type.Integer({ minimum: min, maximum: MAX_WINDOW_SIDE });
/** A window's place on the virtual screen (several monitors may lie left of or above the first). */
const PlaceSchema = Type.Integer({ minimum: -MAX_WINDOW_SIDE * 4, maximum: MAX_WINDOW_SIDE * 4 });
const WindowStateSchema = Type.Object({
  /** Absent when the window should be centred by the system. */
  x: Type.Optional(PlaceSchema),
  y: Type.Optional(PlaceSchema),
  width: SideSchema(MIN_WINDOW.width),
  height: SideSchema(MIN_WINDOW.height),
  maximized: Type.Boolean(),
});
export type WindowState = Static<typeof WindowStateSchema>;

const RecentCorpusSchema = Type.String({ minLength: 1, maxLength: 4096 });
/** What a settings file holds; whatever `parseSettings` returns fits it. */
export const SettingsSchema = Type.Object({
  window: Type.Union([WindowStateSchema, Type.Null()]),
  /** Most recent first, absolute paths. */
  recentCorpora: Type.Array(RecentCorpusSchema, { maxItems: MAX_RECENT }),
  theme: ThemeSchema,
});
export type Settings = Static<typeof SettingsSchema>;
/** How much of a window must be on a screen for its saved place to be kept. */
const MIN_VISIBLE = { width: 120, height: 40 } as const;

export function defaultSettings(): Settings {
  return { window: null, recentCorpora: [], theme: 'system' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseWindow(raw: unknown): WindowState | null {
  if (!isRecord(raw)) return null;
  const { width, height, x, y } = raw;
  if (!Value.Check(WindowStateSchema.properties.width, width)) return null;
  if (!Value.Check(WindowStateSchema.properties.height, height)) return null;
  const state: WindowState = { width, height, maximized: raw.maximized === true };
  // A place needs both coordinates; half of one is no place.
  if (Value.Check(PlaceSchema, x) && Value.Check(PlaceSchema, y)) Object.assign(state, { x, y });
  return state;
}

/** Settings from whatever the file held; never throws. */
export function parseSettings(raw: unknown): Settings {
  const settings = defaultSettings();
  if (!isRecord(raw)) return settings;
  settings.window = parseWindow(raw.window);
  if (Array.isArray(raw.recentCorpora)) {
    const seen = new Set<string>();
    for (const entry of raw.recentCorpora as unknown[]) {
      if (!Value.Check(RecentCorpusSchema, entry) || !isAbsolute(entry) || seen.has(entry)) continue;
      seen.add(entry);
      settings.recentCorpora.push(entry);
      if (settings.recentCorpora.length === MAX_RECENT) break;
    }
  }
  if (Value.Check(ThemeSchema, raw.theme)) settings.theme = raw.theme;
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
