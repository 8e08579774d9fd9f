import type { RunContext } from './run-context.js';
export declare const BUILTIN_REDUCERS: Record<string, (values: unknown[]) => unknown>;
/** The reduced value, or undefined when there is nothing to reduce (no branch returned it) and no default applies. */
export declare function applyReducer(run: RunContext, reducer: string | undefined, values: unknown[], step: string): Promise<unknown>;
