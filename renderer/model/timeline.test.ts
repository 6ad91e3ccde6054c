import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimelineResponse } from '../../main/common/timeline';
import { initialState } from './state';
import {
  chartGeometry,
  chartNotes,
  chartSummary,
  countTicks,
  firstPoint,
  movePoint,
  periodLabel,
  pointLabel,
  stateForPoint,
  tickLabel,
  timelineRequestFor,
  CHART_SIZE,
} from './timeline';

const bySpeaker: TimelineResponse = {
  query: 'climate',
  by: 'speaker',
  granularity: 'month',
  buckets: ['2021-03', '2021-04', '2021-05'],
  series: [
    { label: 'Joe Biden', speaker: 'Joe Biden', total: 15, counts: [14, 0, 1], undated: 0 },
    { label: 'Xi Jinping', speaker: 'Xi Jinping', total: 2, counts: [0, 0, 2], undated: 0 },
  ],
  notes: [],
  tookMs: 1,
};

test('points are named for a screen reader with the series, the period and the count', () => {
  assert.equal(pointLabel(bySpeaker.series[0]!, '2021-03', 14), 'Joe Biden, March 2021: 14 statements');
  assert.equal(pointLabel(bySpeaker.series[1]!, '2021-05-02', 1), 'Xi Jinping, 2 May 2021: 1 statement');
  assert.equal(periodLabel('2021'), '2021');
  assert.equal(tickLabel('2021-12'), 'Dec 2021');
  assert.equal(tickLabel('2021-12-05'), '5 Dec');
  assert.equal(chartSummary(bySpeaker), 'Statements per month, March 2021 to May 2021.');
});

test('notes under the chart: what it leaves out, and how to list either term', () => {
  assert.deepEqual(chartNotes(bySpeaker), []);
  const terms: TimelineResponse = {
    ...bySpeaker,
    by: 'term',
    series: [
      { label: 'climate', q: 'climate', total: 2, counts: [1, 0, 0], undated: 1 },
      { label: 'inflation', q: 'inflation', total: 1, counts: [0, 0, 1], undated: 0 },
    ],
    notes: ['engine: a note'],
  };
  assert.deepEqual(chartNotes(terms), [
    'Not on the chart (undated, or dated only to a coarser period): climate: 1.',
    'The results list holds statements with all of these words; search climate OR inflation for either.',
    'engine: a note',
  ]);
});

test('count ticks start at 0 and end at a round number at or above the highest count', () => {
  assert.deepEqual(countTicks(0), [0, 1]);
  assert.deepEqual(countTicks(3), [0, 1, 2, 3]);
  assert.deepEqual(countTicks(14), [0, 5, 10, 15]);
  assert.deepEqual(countTicks(230), [0, 100, 200, 300]);
});

test('geometry: points spread over the plot, higher counts higher, the top tick at the top', () => {
  const g = chartGeometry(bySpeaker);
  const biden = g.lines[0]!.points;
  assert.equal(biden[0]!.x, CHART_SIZE.left);
  assert.equal(biden[2]!.x, CHART_SIZE.width - CHART_SIZE.right);
  assert.equal(biden[1]!.y, g.plot.bottom, 'zero sits on the axis');
  assert.ok(biden[0]!.y < biden[2]!.y, '14 is above 1');
  assert.equal(g.yTicks[g.yTicks.length - 1]!.y, g.plot.top);
  assert.equal(g.lines[0]!.path, biden.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '));
  assert.deepEqual(
    g.xTicks.map((t) => t.label),
    ['Mar 2021', 'Apr 2021', 'May 2021'],
  );
  const many = chartGeometry(
    { ...bySpeaker, buckets: Array.from({ length: 30 }, (_, i) => `${1990 + i}`) },
    CHART_SIZE,
    6,
  );
  assert.ok(many.xTicks.length <= 6);
  const one = chartGeometry({
    ...bySpeaker,
    buckets: ['2021'],
    series: [{ ...bySpeaker.series[0]!, counts: [3] }],
  });
  assert.equal(one.lines[0]!.points[0]!.x, (CHART_SIZE.left + CHART_SIZE.width - CHART_SIZE.right) / 2);
});

test('arrows move along and across series, within bounds; other keys do not move', () => {
  const at = { series: 0, bucket: 1 };
  assert.deepEqual(movePoint(at, 'ArrowRight', 2, 3), { series: 0, bucket: 2 });
  assert.deepEqual(movePoint({ series: 0, bucket: 2 }, 'ArrowRight', 2, 3), { series: 0, bucket: 2 });
  assert.deepEqual(movePoint(at, 'ArrowLeft', 2, 3), { series: 0, bucket: 0 });
  assert.deepEqual(movePoint(at, 'ArrowDown', 2, 3), { series: 1, bucket: 1 });
  assert.deepEqual(movePoint(at, 'ArrowUp', 2, 3), { series: 0, bucket: 1 });
  assert.deepEqual(movePoint(at, 'End', 2, 3), { series: 0, bucket: 2 });
  assert.deepEqual(movePoint(at, 'Home', 2, 3), { series: 0, bucket: 0 });
  assert.equal(movePoint(at, 'a', 2, 3), null);
  assert.equal(movePoint(at, 'ArrowRight', 0, 0), null);
  assert.deepEqual(firstPoint(bySpeaker), { series: 0, bucket: 0 });
});

test('a point is the search for its period and its speaker or term', () => {
  const state = { ...initialState, q: 'climate', speaker: ['Joe Biden', 'Xi Jinping'] };
  const biden = stateForPoint(state, bySpeaker, { series: 0, bucket: 0 });
  assert.deepEqual(
    [biden.q, biden.speaker, biden.from, biden.to],
    ['climate', ['Joe Biden'], '2021-03', '2021-03'],
  );
  const terms: TimelineResponse = {
    ...bySpeaker,
    by: 'term',
    series: [
      { label: 'climate', q: 'climate', total: 1, counts: [1, 0, 0], undated: 0 },
      { label: 'inflation', q: 'inflation', total: 1, counts: [0, 0, 1], undated: 0 },
    ],
  };
  const inflation = stateForPoint({ ...initialState, q: 'climate, inflation' }, terms, {
    series: 1,
    bucket: 2,
  });
  assert.deepEqual([inflation.q, inflation.from, inflation.to], ['inflation', '2021-05', '2021-05']);
  assert.deepEqual(
    timelineRequestFor({ ...initialState, q: ' climate ', notKind: ['narrative'], from: '2021' }),
    { q: 'climate', speaker: [], topic: [], kind: [], notKind: ['narrative'], from: '2021' },
  );
});
