/** Seconds, or a sentence saying why the value is not a duration. */
export declare function parseDuration(value: unknown): number | string;
/** The fix shown with a bad duration. */
export declare const DURATION_FIX = "write a number of seconds (300) or a duration made of hours, minutes and seconds: \"90s\", \"5m\", \"1h\", \"1h30m\".";
/** A duration in a configuration: a number or a string, checked with parseDuration (kept as written). */
export declare const durationSchema: import("zod/mini").ZodMiniUnion<readonly [import("zod/mini").ZodMiniNumber<number>, import("zod/mini").ZodMiniString<string>]>;
/** Seconds of a value durationSchema accepted. */
export declare function durationSeconds(value: number | string): number;
/** Seconds as Go's time.ParseDuration reads them (Argo's template `timeout`): 5400 -> "1h30m", 90 -> "1m30s". */
export declare function goDuration(seconds: number): string;
/** "90 s", "1.5 s": how messages name a limit. */
export declare function secondsText(seconds: number): string;
