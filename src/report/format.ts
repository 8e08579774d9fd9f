// Text helpers shared by the terminal renderers (run-console, run-list, the console reporter), the HTML timeline
// and the action's log and job summary: durations (one format everywhere), ANSI colour, truncation, and
// fixed-width columns that never exceed the terminal width.

import type { Parameters, Status } from '../services/run-log/model.js';

/** "0ms", "850ms", "1.2s", "3m 04s", "2h 05m"; "-" for anything that is not a finite, non-negative number. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100);
  // Below a minute one decimal is useful; rounding 59.96s up must not print "60.0s".
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Local wall-clock time of an epoch-ms value, in the run log's own style (without fractions of a second). */
export function formatLocalTime(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return '-';
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export type Color = 'green' | 'red' | 'yellow' | 'gray' | 'bold';

const ANSI_CODES: Record<Color, number> = { green: 32, red: 31, yellow: 33, gray: 90, bold: 1 };

/** Wraps text in an ANSI SGR sequence when `enabled` (callers pass their `color` option straight through). */
export function paint(text: string, color: Color | undefined, enabled: boolean): string {
  if (!enabled || !color || text === '') return text;
  return `\x1b[${ANSI_CODES[color]}m${text}\x1b[0m`;
}

export function statusColor(status: Status): Color {
  switch (status) {
    case 'SUCCESS':
      return 'green';
    case 'FAIL':
      return 'red';
    case 'PROCESSING':
      return 'yellow';
    default:
      return 'gray';
  }
}

/**
 * Cuts `text` to at most `max` characters, ending with "…" when something was cut.
 * Widths count code points: good for the ASCII and Latin text of run logs, not for wide CJK/emoji glyphs.
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join('') + '…';
}

export const visibleLength = (text: string): number => Array.from(text).length;

/** One column of a terminal line. Without `width` the cell takes what is left of the line. */
export interface Cell {
  text: string;
  width?: number;
  align?: 'left' | 'right';
  color?: Color;
}

/**
 * Lays cells out left to right, separated by `gap` spaces, and guarantees the visible line is at most `width`
 * characters: every cell is truncated to its column, and the last cell that would overflow is cut to what is left.
 * Colour is applied after the cut, so ANSI sequences never count towards the width and are never split.
 */
export function renderCells(cells: Cell[], width: number, color: boolean, gap = 2): string {
  let used = 0;
  let line = '';
  for (const [i, cell] of cells.entries()) {
    const sep = i === 0 ? 0 : gap;
    const room = width - used - sep;
    if (room <= 0) break;
    const columnWidth = Math.min(cell.width ?? room, room);
    const cut = truncate(cell.text, columnWidth);
    const pad = ' '.repeat(Math.max(0, columnWidth - visibleLength(cut)));
    const padded = cell.align === 'right' ? pad + paint(cut, cell.color, color) : paint(cut, cell.color, color) + pad;
    line += ' '.repeat(sep) + padded;
    used += sep + columnWidth;
  }
  return line.trimEnd();
}

/** A parameter value as one compact line: JSON for json/metric values, `<object name>` for pickled objects. */
export function formatParameterValue(kind: string, value: unknown): string {
  if (kind === 'object') return `<object ${String(value)}>`;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Parameters as `name=value, …` on one line ('' when there are none). */
export function formatParameters(params: Parameters | undefined): string {
  return Object.entries(params ?? {})
    .map(([name, p]) => `${name}=${formatParameterValue(p.kind, p.value)}`)
    .join(', ');
}
