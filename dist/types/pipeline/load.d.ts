import type { Pipeline } from './model.js';
export declare function loadPipelineFile(file: string): Pipeline;
