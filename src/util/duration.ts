// Time limits as users write them: a number of seconds (`90`, `"90"`) or an Argo / Go style duration (`90s`, `5m`,
// `1h`, `1h30m`, `1.5h`). One parser for the executors' per-task `timeout` (local, emulator, local-container) and for
// the Argo transpiler's template `timeout`, so a value means the same wherever it is written. runnable passes Argo's
// `timeout` through as an unchecked string and has no per-task limit for the other executors.
import * as z from './zod.js';

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1 };
const PART = /(\d+(?:\.\d+)?)(h|m|s)/gy;

/** Seconds, or a sentence saying why the value is not a duration. */
export function parseDuration(value: unknown): number | string {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? value : `${value} is not a positive number of seconds`;
  }
  if (typeof value !== 'string') return `a duration is a number of seconds or a string such as "90s", not ${typeof value}`;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseDuration(Number(text));
  if (!text) return 'an empty duration';
  let seconds = 0;
  PART.lastIndex = 0;
  let at = 0;
  for (let m = PART.exec(text); m; m = PART.exec(text)) {
    seconds += Number(m[1]) * UNIT_SECONDS[m[2]];
    at = PART.lastIndex;
  }
  if (at !== text.length) return `"${value}" is not a duration`;
  return seconds > 0 ? seconds : `"${value}" is not a positive duration`;
}

/** The fix shown with a bad duration. */
export const DURATION_FIX = 'write a number of seconds (300) or a duration made of hours, minutes and seconds: "90s", "5m", "1h", "1h30m".';

/** A duration in a configuration: a number or a string, checked with parseDuration (kept as written). */
export const durationSchema = z.union([z.number(), z.string()]).check((ctx) => {
  const parsed = parseDuration(ctx.value);
  if (typeof parsed === 'string') ctx.issues.push({ code: 'custom', input: ctx.value, message: parsed, params: { fix: DURATION_FIX } });
});

/** Seconds of a value durationSchema accepted. */
export function durationSeconds(value: number | string): number {
  const parsed = parseDuration(value);
  if (typeof parsed === 'string') throw new Error(`internal: ${parsed}`);
  return parsed;
}

/** Seconds as Go's time.ParseDuration reads them (Argo's template `timeout`): 5400 -> "1h30m", 90 -> "1m30s". */
export function goDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds - h * 3600) / 60);
  const s = Math.round((seconds - h * 3600 - m * 60) * 1000) / 1000;
  const out = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return out || '0s';
}

/** "90 s", "1.5 s": how messages name a limit. */
export function secondsText(seconds: number): string {
  return `${Number.isInteger(seconds) ? seconds : Math.round(seconds * 1000) / 1000} s`;
}
