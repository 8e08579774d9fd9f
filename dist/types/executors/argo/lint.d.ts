import { type WorkflowManifest } from './workflow-types.js';
/** Every problem found, as sentences; empty when the manifest is fine. */
export declare function lintManifest(m: WorkflowManifest): string[];
