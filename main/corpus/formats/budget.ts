/**
 * Limits of reading one file in a binary format: time, pages, and bytes after inflation
 * (a zip bomb). A reader that hits one says which, through FormatReadError or a partial
 * read's reason.
 */

export interface ReadBudget {
  /** Epoch milliseconds after which reading stops. */
  deadline: number;
  timeMs: number;
  /** Pages of a PDF read at most. */
  maxPages: number;
  /** Bytes a compressed container (DOCX, ODT) may inflate to. */
  maxInflatedBytes: number;
  /** Bytes of one e-mail attachment read as a document of its own. */
  maxAttachmentBytes: number;
  /** Scanned pages of one PDF read by OCR at most (0: no OCR). */
  maxOcrPages: number;
  /** Time OCR of one file may take, on top of reading its text layer. */
  ocrTimeMs: number;
  /** Told after each scanned page OCR has read: pages done and pages to read (for a status bar). */
  onOcrPage?: (done: number, total: number) => void;
}

/** A file the reader cannot read, with the reason for the skipped-files list. */
export class FormatReadError extends Error {}

export const DEFAULT_BUDGET = {
  timeMs: 120_000,
  maxPages: 2000,
  maxInflatedBytes: 200 * 1024 * 1024,
  maxAttachmentBytes: 20 * 1024 * 1024,
  maxOcrPages: 200,
  ocrTimeMs: 600_000,
} as const;

export function newBudget(overrides: Partial<Omit<ReadBudget, 'deadline'>> = {}): ReadBudget {
  const limits = { ...DEFAULT_BUDGET, ...overrides };
  return { ...limits, deadline: Date.now() + limits.timeMs };
}

/** Waits for `work`, but not past the budget's deadline. */
export function overBudget<T>(work: Promise<T>, budget: ReadBudget, what: string): Promise<T> {
  const left = budget.deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FormatReadError(`time budget of ${Math.round(budget.timeMs / 1000)} s used up (${what})`)),
      Math.max(0, left),
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
