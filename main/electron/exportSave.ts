/**
 * The desktop export: a save dialog, then every match of the search written to the chosen
 * file through the same pager and row formatting as `dictum search --format` and
 * `GET /api/export`, with progress sent to the page after each page of rows.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { ExportOutcome, ExportProgress } from '../common/bridge';
import { ContractError } from '../common/contract';
import type { ExportSource } from '../common/exportPages';
import { EXPORT_FORMATS, type ExportFormat } from '../common/exportRows';
import { validateSearchRequest } from '../common/validate';
import { writeExport } from '../service/exportWriter';

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

export interface ExportSaveParts {
  /** Electron's dialog.showSaveDialog, bound to the window. */
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  source(): Promise<ExportSource>;
  progress(progress: ExportProgress): void;
}

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (spreadsheets)', extensions: ['csv'] },
  jsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
};

export async function saveExport(
  parts: ExportSaveParts,
  rawRequest: unknown,
  rawFormat: unknown,
): Promise<ExportOutcome | null> {
  const request = validateSearchRequest(rawRequest);
  const format = EXPORT_FORMATS.find((f) => f === rawFormat);
  if (!format) throw new ContractError(`export: format must be ${EXPORT_FORMATS.join(' or ')}`);
  const chosen = await parts.showSaveDialog({
    title: 'Export every match',
    defaultPath: `dictum-export-${new Date().toISOString().slice(0, 10)}.${format}`,
    filters: [FILTERS[format]],
  });
  if (chosen.canceled || !chosen.filePath) return null;
  const source = await parts.source();
  const out = createWriteStream(chosen.filePath);
  try {
    const rows = await writeExport(source, request, format, out, (done, total) =>
      parts.progress({ done, total }),
    );
    out.end();
    await finished(out);
    return { path: chosen.filePath, rows };
  } catch (error) {
    out.destroy();
    throw error;
  }
}
