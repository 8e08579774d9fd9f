import { InvalidInputError } from '../../errors.js';
import { type RunLog } from './model.js';
export declare const singleFile: (folder: string, runId: string) => string;
export declare const chunkDir: (folder: string, runId: string) => string;
/** A branch's file; a long branch name is shortened with a hash (the reader finds branches by their content). */
export declare const branchFile: (folder: string, runId: string, branch: string) => string;
/** A run-log document that cannot be read or is not one: reported per file, never a stack trace. */
export declare function corruptRunLog(file: string, problem: string): InvalidInputError;
/** Reads a RunLog.json, a single-file run log or a BranchLog file, checking the fields every reader relies on. */
export declare function readRunLogFile<T>(file: string, shape: 'run' | 'branch'): Promise<T>;
export declare function readAnyLayout(folder: string, runId: string): Promise<RunLog>;
export declare function listAnyLayout(folder: string): Promise<string[]>;
export declare const existsAnyLayout: (folder: string, runId: string) => boolean;
