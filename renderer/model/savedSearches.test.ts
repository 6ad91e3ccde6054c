import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SavedSearch } from '../../main/common/savedSearches';
import {
  newMatchNotice,
  savedQueryFromState,
  stateFromSavedQuery,
  suggestedName,
  totalNew,
} from './savedSearches';
import { initialState, statesEqual, type UiState } from './state';

const saved = (id: string, name: string, newCount: number | null): SavedSearch => ({
  id,
  name,
  query: { q: name, speaker: [], topic: [], kind: [], sort: 'relevance' },
  created: '2026-12-01T00:00:00.000Z',
  lastOpened: '2026-12-01T00:00:00.000Z',
  newCount,
  total: null,
});

describe('saved searches in the UI', () => {
  it('saves every part of the search and restores it exactly', () => {
    const state: UiState = {
      ...initialState,
      q: 'nato expansion',
      speaker: ['Vladimir Putin'],
      topic: ['politics'],
      kind: ['quote', 'turn'],
      notSpeaker: ['Reporter'],
      notTopic: ['sport'],
      notKind: ['narrative'],
      from: '2014',
      to: '2015-06',
      sort: 'date-asc',
      group: true,
      doc: 'd1',
      passage: 'd1:3',
    };
    const query = savedQueryFromState(state);
    assert.deepEqual(query, {
      q: 'nato expansion',
      speaker: ['Vladimir Putin'],
      topic: ['politics'],
      kind: ['quote', 'turn'],
      sort: 'date-asc',
      notSpeaker: ['Reporter'],
      notTopic: ['sport'],
      notKind: ['narrative'],
      from: '2014',
      to: '2015-06',
    });
    // The reader and grouping are how it was looked at, not what was searched.
    assert.ok(statesEqual(stateFromSavedQuery(query), { ...state, group: false, doc: null, passage: null }));
    assert.ok(statesEqual(stateFromSavedQuery(savedQueryFromState(initialState)), initialState));
  });

  it('suggests a name from the query, unique among the names taken', () => {
    const query = savedQueryFromState({ ...initialState, q: '  sanctions  ' });
    assert.equal(suggestedName(query, []), 'sanctions');
    assert.equal(suggestedName(query, ['Sanctions', 'sanctions (2)']), 'sanctions (3)');
    assert.equal(
      suggestedName(savedQueryFromState({ ...initialState, speaker: ['Xi Jinping'] }), []),
      'Xi Jinping',
    );
    assert.equal(suggestedName(savedQueryFromState(initialState), []), 'All statements');
  });

  it('tells only of counts that grew since the last list', () => {
    const before = [saved('a', 'Putin', 1), saved('b', 'Biden', 0), saved('c', 'Xi', 2)];
    assert.equal(newMatchNotice(null, before), null);
    assert.equal(newMatchNotice(before, before), null);
    assert.equal(
      newMatchNotice(before, [saved('a', 'Putin', 3), saved('b', 'Biden', 0), saved('c', 'Xi', 0)]),
      '2 new matches for “Putin”',
    );
    assert.equal(
      newMatchNotice(before, [
        saved('a', 'Putin', 2),
        saved('b', 'Biden', 1),
        saved('c', 'Xi', 2),
        saved('d', 'New', 1),
      ]),
      '1 new match for “Putin” and 2 more saved searches',
    );
    assert.equal(totalNew([saved('a', 'x', 2), saved('b', 'y', null), saved('c', 'z', 5)]), 7);
  });
});
