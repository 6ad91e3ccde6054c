/** The address of `GET /api/export` for a search: its filters and sort, never its paging. */
import { EXPORT_ROUTE, type SearchRequest } from '../../main/common/contract';
import type { ExportFormat } from '../../main/common/exportRows';
import { searchParams } from './url';

export function exportUrl(request: SearchRequest, format: ExportFormat, base = ''): string {
  const p = searchParams(request);
  for (const paging of ['limit', 'offset', 'after']) p.delete(paging);
  p.set('format', format);
  return `${base}${EXPORT_ROUTE.http.path}?${p.toString()}`;
}
