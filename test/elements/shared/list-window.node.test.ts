import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderedRows, visibleRows } from '../../../packages/elements/src/shared/list-window-controller.js';

// The arithmetic of the kit's one list window (the board, the indicators sheet, the lead list): rows of one height,
// so which rows are on screen and which are rendered follows from the scroll position alone.

describe('visibleRows', () => {
  it('gives the rows whose boxes meet the viewport, never past either end', () => {
    // 36 px rows, 360 px viewport: rows 100-109 in view at scrollTop 3600.
    assert.deepEqual(visibleRows(3600, 360, 0, 36, 1000), { first: 100, last: 109 });
    // Half a row scrolled: the row cut at the bottom edge counts as visible.
    assert.deepEqual(visibleRows(18, 360, 0, 36, 1000), { first: 0, last: 10 });
    assert.deepEqual(visibleRows(36 * 995, 360, 0, 36, 1000), { first: 995, last: 999 });
    assert.deepEqual(visibleRows(0, 360, 0, 36, 3), { first: 0, last: 2 });
    assert.deepEqual(visibleRows(0, 360, 0, 36, 0), { first: 0, last: -1 });
  });

  it('counts from where the rows start below a header inside the scrolling element', () => {
    // a 72 px sticky header: at scrollTop 72 the first row is at the top
    assert.deepEqual(visibleRows(72, 360, 72, 36, 1000), { first: 0, last: 9 });
    assert.deepEqual(visibleRows(0, 360, 72, 36, 1000), { first: 0, last: 9 });
  });
});

describe('renderedRows', () => {
  it('renders the visible rows and the extra rows beyond each edge, within the list', () => {
    assert.deepEqual(renderedRows({ first: 100, last: 109 }, 6, 1000), { from: 94, to: 116 });
    assert.deepEqual(renderedRows({ first: 0, last: 9 }, 6, 1000), { from: 0, to: 16 });
    assert.deepEqual(renderedRows({ first: 995, last: 999 }, 6, 1000), { from: 989, to: 1000 });
    assert.deepEqual(renderedRows({ first: 0, last: 9 }, 0, 3), { from: 0, to: 3 });
  });

  it('keeps the rendered rows while the visible ones stay clear of the edges, so a scroll renders every few rows', () => {
    const current = { from: 94, to: 116 };
    assert.equal(renderedRows({ first: 101, last: 110 }, 6, 1000, current), current);
    assert.equal(renderedRows({ first: 97, last: 106 }, 6, 1000, current), current);
    // within half the extra rows of an edge: a new window around the visible rows
    assert.deepEqual(renderedRows({ first: 104, last: 113 }, 6, 1000, current), { from: 98, to: 120 });
    // a jump (End, a search): the new rows, whatever was rendered
    assert.deepEqual(renderedRows({ first: 990, last: 999 }, 6, 1000, current), { from: 984, to: 1000 });
  });

  it('renders anew when the list shrank below the rendered rows or the extra rows grew', () => {
    assert.deepEqual(renderedRows({ first: 0, last: 9 }, 6, 12, { from: 0, to: 16 }), { from: 0, to: 12 });
    // the first frame renders only the visible rows; once painted the extra rows are added
    assert.deepEqual(renderedRows({ first: 0, last: 9 }, 9, 1000, { from: 0, to: 10 }), { from: 0, to: 19 });
  });
});
