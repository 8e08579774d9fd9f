import { type RunLog } from './model.js';
export declare const singleFile: (folder: string, runId: string) => string;
export declare const chunkDir: (folder: string, runId: string) => string;
/** A branch's file; a long branch name is shortened with a hash (the reader finds branches by their content). */
export declare const branchFile: (folder: string, runId: string, branch: string) => string;
export declare function readAnyLayout(folder: string, runId: string): Promise<RunLog>;
export declare function listAnyLayout(folder: string): Promise<string[]>;
export declare const existsAnyLayout: (folder: string, runId: string) => boolean;
