import type { Parameters, Status } from '../services/run-log/model.js';
/** "0ms", "850ms", "1.2s", "3m 04s", "2h 05m"; "-" for anything that is not a finite, non-negative number. */
export declare function formatDuration(ms: number): string;
/** Local wall-clock time of an epoch-ms value, in the run log's own style (without fractions of a second). */
export declare function formatLocalTime(epochMs: number | undefined): string;
export type Color = 'green' | 'red' | 'yellow' | 'gray' | 'bold';
/** Wraps text in an ANSI SGR sequence when `enabled` (callers pass their `color` option straight through). */
export declare function paint(text: string, color: Color | undefined, enabled: boolean): string;
export declare function statusColor(status: Status): Color;
/**
 * Cuts `text` to at most `max` characters, ending with "…" when something was cut.
 * Widths count code points: good for the ASCII and Latin text of run logs, not for wide CJK/emoji glyphs.
 */
export declare function truncate(text: string, max: number): string;
export declare const visibleLength: (text: string) => number;
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
export declare function renderCells(cells: Cell[], width: number, color: boolean, gap?: number): string;
/** A parameter value as one compact line: JSON for json/metric values, `<object name>` for pickled objects. */
export declare function formatParameterValue(kind: string, value: unknown): string;
/** Parameters as `name=value, …` on one line ('' when there are none). */
export declare function formatParameters(params: Parameters | undefined): string;
