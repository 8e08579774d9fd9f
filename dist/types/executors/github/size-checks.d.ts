import type { Workflow } from './workflow.js';
export declare function checkWorkflowLimits(w: Workflow, outputFile: string): void;
