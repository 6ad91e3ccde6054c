/**
 * The memory a file may take to read. Reading needs about READING_MEMORY_FACTOR bytes per byte
 * of the file at its peak; a file whose need does not fit in what the process can still take
 * is skipped with that reason, before it is read, instead of the service running out of
 * memory (which V8 does not survive).
 */
import { freemem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { READING_MEMORY_FACTOR } from '../extract/passageBound';

/** Bytes the process can still take: what its JavaScript heap may grow by, within free memory. */
export function memoryAvailable(): number {
  const heap = getHeapStatistics();
  return Math.min(heap.heap_size_limit - heap.used_heap_size, freemem());
}

const mb = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1048576))} MB`;

/** Null when a file of `size` bytes can be read in `available` bytes, else the reason it cannot. */
export function memoryShortfall(size: number, available: number): string | null {
  const need = READING_MEMORY_FACTOR * size;
  if (need <= available) return null;
  return (
    `not enough memory to read it: about ${mb(need)} needed (${READING_MEMORY_FACTOR} × its size), ` +
    `${mb(available)} available`
  );
}
