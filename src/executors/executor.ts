// Moved: the executor port lives with the engine (src/engine/executor.ts). Kept so plugin code that imported it
// from here still compiles.
export type { Executor, NodeExecutor, GraphExecutor, GraphRun, GraphOutcome } from '../engine/executor.js';
