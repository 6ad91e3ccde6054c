/**
 * The parts of a zip container (DOCX, ODT) a reader needs, inflated with fflate under a
 * guard: a part that says it inflates past the budget (a zip bomb) is refused before it is
 * inflated, and inflation never writes past the size the part declares.
 */
import { unzipSync } from 'fflate';
import { FormatReadError, type ReadBudget } from './budget';

const MB = 1024 * 1024;

/** The named parts, decoded as UTF-8; a part missing from the archive is absent from the map. */
export function readZipParts(bytes: Uint8Array, names: readonly string[], budget: ReadBudget): Map<string, string> {
  const wanted = new Set(names);
  let declared = 0;
  let tooBig: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!wanted.has(file.name)) return false;
        declared += file.originalSize;
        if (declared > budget.maxInflatedBytes) {
          tooBig ??= `${file.name} inflates to ${Math.round(file.originalSize / MB)} MB`;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    throw new FormatReadError(`broken archive (${e instanceof Error ? e.message : String(e)})`);
  }
  if (tooBig) {
    throw new FormatReadError(
      `${tooBig}, over the limit of ${Math.round(budget.maxInflatedBytes / MB)} MB (a zip bomb?)`,
    );
  }
  const decoder = new TextDecoder();
  const parts = new Map<string, string>();
  for (const [name, data] of Object.entries(files)) parts.set(name, decoder.decode(data));
  return parts;
}
