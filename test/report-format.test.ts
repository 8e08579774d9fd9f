import { describe, expect, it } from 'vitest';
import { formatDuration, paint, renderCells, truncate, visibleLength } from '../src/report/format.js';
import { stripAnsi } from './helpers/ansi.js';

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [850, '850ms'],
    [1200, '1.2s'],
    [59_940, '59.9s'],
    [59_960, '1m 00s'],
    [184_000, '3m 04s'],
    [7_500_000, '2h 05m'],
    [-1, '-'],
    [Number.NaN, '-'],
  ])('%s ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('truncate', () => {
  it('keeps short text and ends cut text with an ellipsis within the limit', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 1)).toBe('…');
    expect(truncate('abcdef', 0)).toBe('');
    expect(visibleLength(truncate('ééééé', 3))).toBe(3);
  });
});

describe('renderCells', () => {
  it('never exceeds the width, with or without colour', () => {
    const cells = [
      { text: 'a long first column', width: 12 },
      { text: 'SUCCESS', width: 10, color: 'green' as const },
      { text: '42', width: 5, align: 'right' as const },
      { text: 'the rest of the line, which is long' },
    ];
    for (const width of [1, 5, 13, 20, 40, 80]) {
      expect(visibleLength(renderCells(cells, width, false))).toBeLessThanOrEqual(width);
      expect(visibleLength(stripAnsi(renderCells(cells, width, true)))).toBeLessThanOrEqual(width);
    }
    expect(renderCells(cells, 80, false)).toBe('a long firs…  SUCCESS        42  the rest of the line, which is long');
  });

  it('colours only when asked', () => {
    expect(paint('x', 'red', false)).toBe('x');
    expect(paint('x', 'red', true)).toBe('\x1b[31mx\x1b[0m');
  });
});
