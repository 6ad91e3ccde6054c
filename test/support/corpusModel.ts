/**
 * Random changes to a corpus folder, as a user makes them: files of every format added,
 * edited (often keeping their size and mtime), cut short, renamed, moved into subfolders,
 * touched, given sidecars and deleted. Seeded, so that a failing sequence can be replayed.
 */
import { mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** mulberry32: small, fast and good enough to pick test cases. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Words that no prefix or small typo links: grouped by length, so an edit can keep the size. */
const WORDS_BY_LENGTH = [
  ['quokka', 'ocelot', 'walrus'],
  ['narwhal', 'axolotl', 'gazelle'],
  ['pangolin', 'capybara', 'platypus'],
];
export const WORDS = WORDS_BY_LENGTH.flat();
export const SPEAKERS = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];
const SUBJECTS = ['the football league', 'the national election', 'inflation and jobs', 'the flood warning'];
const DATES = ['2021-03-04', '2022-11-30', '2020-01-15'];
const FOLDERS = ['', 'sub', 'sub/deep', 'other'];
const FORMATS = ['txt', 'md', 'html', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

export const MAX_FILES = 10;

function sentence(r: Random): string {
  const word = r.pick(WORDS);
  const subject = r.pick(SUBJECTS);
  if (r.chance(0.5)) return `The council discussed the ${word} plan and ${subject} on Tuesday.`;
  // Long enough to join a quote group when another file quotes the same words.
  return `"The ${word} plan changes ${subject} for every family in the county," ${r.pick(SPEAKERS)} said.`;
}

function paragraphs(r: Random): string[] {
  return Array.from({ length: 1 + r.int(3) }, () => sentence(r));
}

function title(r: Random): string {
  return `Notes on the ${r.pick(WORDS)} plan`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

export function content(r: Random, format: Format): string {
  switch (format) {
    case 'txt':
      return [title(r), '', ...paragraphs(r).flatMap((p) => [p, ''])].join('\n');
    case 'md': {
      const front = r.chance(0.6)
        ? ['---', `title: ${title(r)}`, ...(r.chance(0.5) ? [`date: ${r.pick(DATES)}`] : []), '---', '']
        : [];
      return [...front, ...paragraphs(r).flatMap((p) => [p, ''])].join('\n');
    }
    case 'html': {
      const t = escapeHtml(title(r));
      const body = paragraphs(r)
        .map((p) => `<p>${escapeHtml(p)}</p>`)
        .join('\n');
      return `<!doctype html>\n<html><head><title>${t}</title></head>\n<body><nav><a href="/">Home</a></nav>\n<article><h1>${t}</h1>\n${body}\n</article></body></html>\n`;
    }
    case 'jsonl':
      return Array.from({ length: 1 + r.int(4) }, () => {
        const record: Record<string, unknown> = { title: title(r), text: paragraphs(r).join('\n\n') };
        if (r.chance(0.5)) record.date = r.pick(DATES);
        if (r.chance(0.4)) record.speaker = r.pick(SPEAKERS);
        if (r.chance(0.3)) record.topics = [r.pick(['economy', 'sport', 'weather'])];
        return `${JSON.stringify(record)}\n`;
      }).join('');
  }
}

/** The same text with one word swapped for another of the same length: same size, new content. */
function sameSizeEdit(r: Random, text: string): string | null {
  const candidates = WORDS.filter((word) => text.includes(word));
  if (candidates.length === 0) return null;
  const word = r.pick(candidates);
  const group = WORDS_BY_LENGTH.find((g) => g.includes(word))!;
  const other = r.pick(group.filter((w) => w !== word));
  return text.replace(word, other);
}

/** Cut to about half: whole records for JSON Lines, anywhere (mid-tag, mid-word) for the rest. */
function truncated(r: Random, text: string, format: Format): string {
  if (format === 'jsonl') {
    const lines = text.split('\n').filter((line) => line !== '');
    return lines.slice(0, Math.max(1, Math.floor(lines.length / 2))).join('\n') + '\n';
  }
  return text.slice(0, Math.max(1, Math.floor(text.length * (0.2 + 0.6 * r.next()))));
}

/**
 * The corpus folder and what the model knows of it. Every write stamps the file with the
 * model's clock in whole seconds, which often stays put: edits that keep size and mtime abound.
 */
export class CorpusModel {
  readonly files = new Map<string, Format>();
  private clock = 1_700_000_000;
  private counter = 0;

  constructor(
    readonly dir: string,
    private readonly random: Random,
  ) {}

  /** Applies one random change; returns what it did, for the failure report. */
  async step(): Promise<string> {
    const r = this.random;
    if (r.chance(0.4)) this.clock += 1;
    const paths = [...this.files.keys()].sort();
    const kinds = paths.length === 0 ? ['add'] : paths.length >= MAX_FILES ? ['edit', 'delete'] : [];
    const kind =
      kinds.length > 0
        ? r.pick(kinds)
        : r.pick([
            'add',
            'add',
            'edit',
            'edit',
            'same-size',
            'truncate',
            'rename',
            'move',
            'delete',
            'touch',
            'sidecar',
            'folder',
          ]);
    const path = paths.length > 0 ? r.pick(paths) : '';
    const format = this.files.get(path) ?? 'txt';
    switch (kind) {
      case 'add': {
        const added = r.pick(FORMATS);
        const name = join(r.pick(FOLDERS), `f${this.counter++}.${added}`).replace(/\\/g, '/');
        await this.write(name, content(r, added));
        this.files.set(name, added);
        return `add ${name}`;
      }
      case 'edit':
        await this.write(path, content(r, format));
        return `edit ${path}`;
      case 'same-size': {
        const edited = sameSizeEdit(r, await readFile(this.abs(path), 'utf8'));
        if (edited === null) return `same-size ${path}: nothing to swap`;
        await this.write(path, edited);
        return `same-size edit ${path}`;
      }
      case 'truncate':
        await this.write(path, truncated(r, await readFile(this.abs(path), 'utf8'), format));
        return `truncate ${path}`;
      case 'rename':
      case 'move': {
        const folder = kind === 'move' ? r.pick(FOLDERS.filter((f) => f !== '')) : dirname(path);
        const target = join(folder === '.' ? '' : folder, `f${this.counter++}.${format}`).replace(/\\/g, '/');
        await mkdir(dirname(this.abs(target)), { recursive: true });
        await rename(this.abs(path), this.abs(target));
        this.files.delete(path);
        this.files.set(target, format);
        return `${kind} ${path} -> ${target}`;
      }
      case 'delete':
        await rm(this.abs(path));
        if (r.chance(0.5)) await rm(this.abs(`${path}.meta.json`), { force: true });
        this.files.delete(path);
        return `delete ${path}`;
      case 'touch':
        await utimes(this.abs(path), this.clock, this.clock);
        return `touch ${path} (${this.clock})`;
      case 'sidecar': {
        const sidecar = `${path}.meta.json`;
        if (r.chance(0.3)) {
          await rm(this.abs(sidecar), { force: true });
          return `remove sidecar of ${path}`;
        }
        const meta = { title: title(r), speaker: r.pick(SPEAKERS), date: r.pick(DATES) };
        await this.write(sidecar, JSON.stringify(meta));
        return `sidecar ${sidecar}`;
      }
      default:
        return this.renameFolder();
    }
  }

  /** Renames a whole subfolder: every file in it moves at once. */
  private async renameFolder(): Promise<string> {
    const folders = [...new Set([...this.files.keys()].map((p) => p.split('/')[0]!))].filter(
      (top) => top !== '' && [...this.files.keys()].some((p) => p.startsWith(`${top}/`)),
    );
    if (folders.length === 0) return 'folder: none to rename';
    const from = this.random.pick(folders);
    const to = `${from.replace(/\d+$/, '')}${this.counter++}`;
    await rename(this.abs(from), this.abs(to));
    for (const [path, format] of [...this.files]) {
      if (!path.startsWith(`${from}/`)) continue;
      this.files.delete(path);
      this.files.set(`${to}/${path.slice(from.length + 1)}`, format);
    }
    return `rename folder ${from} -> ${to}`;
  }

  private abs(path: string): string {
    return join(this.dir, path);
  }

  private async write(path: string, text: string): Promise<void> {
    await mkdir(dirname(this.abs(path)), { recursive: true });
    await writeFile(this.abs(path), text);
    await utimes(this.abs(path), this.clock, this.clock);
  }
}
