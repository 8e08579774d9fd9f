import { type Parameters } from '../services/run-log/model.js';
/** The parameters file (a mapping; each key a json parameter) then RUNNABLE_PRM_<key> (lower-cased key, JSON or text). */
export declare function initialParameters(file: string | undefined, env?: NodeJS.ProcessEnv): Parameters;
/** What a branch changed against the snapshot it started from: only this goes back to the parent. */
export declare function changedSince(snapshot: Parameters, now: Parameters): Parameters;
/**
 * A copy of a scope's parameters that shares the Parameter objects: they are never changed in place (tasks get
 * copies of values), so branches and attempt records can share them. A deep copy per branch would make a map over
 * n items hold n copies of its own item list.
 */
export declare const cloneParameters: (p: Parameters) => Parameters;
