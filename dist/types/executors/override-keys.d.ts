import type { InputIssue } from '../errors.js';
import type { Graph } from '../pipeline/model.js';
/** One issue per step whose `overrides: {<service>: key}` names a key `overrides` lacks. */
export declare function overrideKeyIssues(service: string, overrides: Record<string, unknown>, graph: Graph): InputIssue[];
