import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchRequest } from '../../main/common/contract';
import { exportUrl } from './exportUrl';

test('the export address carries the search and the format, not the paging', () => {
  const url = exportUrl(
    searchRequest({
      q: 'nato',
      speaker: ['Vladimir Putin', 'Xi Jinping'],
      sort: 'date-asc',
      offset: 40,
      limit: 20,
    }),
    'csv',
  );
  const [path, query] = url.split('?');
  assert.equal(path, '/api/export');
  const p = new URLSearchParams(query);
  assert.equal(p.get('q'), 'nato');
  assert.deepEqual(p.getAll('speaker'), ['Vladimir Putin', 'Xi Jinping']);
  assert.equal(p.get('sort'), 'date-asc');
  assert.equal(p.get('format'), 'csv');
  assert.equal(p.has('limit') || p.has('offset'), false);
});
