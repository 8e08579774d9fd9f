// The in-memory pipeline: what the YAML loader and the SDK both build, and the only thing the engine reads.
// Names follow runnable (§1.3): a node's `internalName` is its dot-path at definition time, with
// `map_variable_placeholder` / `loop_variable_placeholder` standing for the values known only at run time.

import { unreachable } from '../util/unreachable.js';

export const MAP_PLACEHOLDER = 'map_variable_placeholder';
export const LOOP_PLACEHOLDER = 'loop_variable_placeholder';

/** Where a value came from in a source file: used by every error message about it. */
export interface SourceLocation {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

export type ReturnKind = 'json' | 'metric' | 'object';

export interface ReturnSpec {
  name: string;
  kind: ReturnKind;
}

export interface CatalogSpec {
  get: string[];
  put: string[];
  store_copy: boolean;
}

export type CommandType = 'shell' | 'python' | 'notebook' | 'typescript';

export interface TaskSpec {
  command_type: CommandType;
  command: string;
  returns: ReturnSpec[];
  secrets: string[];
}

interface NodeBase {
  /** The step's own name (a key of `steps`). */
  name: string;
  /** Dot-path at definition time, e.g. `map_state.map_variable_placeholder.execute_python`. */
  internalName: string;
  /** Name of the next node in the same graph ('' for terminal nodes). */
  next: string;
  onFailure: string;
  /** executor service name -> override key (runnable's `overrides`). */
  overrides: Record<string, string>;
  location?: SourceLocation;
}

export interface TaskNode extends NodeBase {
  type: 'task';
  task: TaskSpec;
  catalog?: CatalogSpec;
  maxAttempts: number;
  /** For TypeScript tasks built by the SDK: the function itself (YAML tasks use `task.command`). */
  fn?: (params: Record<string, unknown>) => unknown;
}

export interface StubNode extends NodeBase {
  type: 'stub';
  catalog?: CatalogSpec;
  maxAttempts: number;
  /** Extra keys a stub accepts and ignores (kept so the dag hash and run_config see them). */
  extras: Record<string, unknown>;
}

export interface ParallelNode extends NodeBase {
  type: 'parallel';
  branches: Record<string, Graph>;
}

export interface MapNode extends NodeBase {
  type: 'map';
  iterateOn: string;
  iterateAs: string;
  reducer?: string;
  branch: Graph;
}

export interface ConditionalNode extends NodeBase {
  type: 'conditional';
  parameter: string;
  branches: Record<string, Graph>;
}

export interface LoopNode extends NodeBase {
  type: 'loop';
  maxIterations: number;
  breakOn: string;
  indexAs: string;
  branch: Graph;
}

export interface SuccessNode extends NodeBase {
  type: 'success';
}

export interface FailNode extends NodeBase {
  type: 'fail';
}

export type PipelineNode = TaskNode | StubNode | ParallelNode | MapNode | ConditionalNode | LoopNode | SuccessNode | FailNode;

export type CompositeNode = ParallelNode | MapNode | ConditionalNode | LoopNode;
export type LeafNode = TaskNode | StubNode;
export type NodeType = PipelineNode['type'];

export interface Graph {
  /** '' for the root graph, else `<parent node internal name>.<branch key>`. */
  internalBranchName: string;
  startAt: string;
  description: string;
  nodes: Record<string, PipelineNode>;
  location?: SourceLocation;
}

export interface Pipeline {
  graph: Graph;
  /** The file the pipeline came from ('' for SDK pipelines without one). */
  file: string;
  /** sha1 of the canonical dag dump, as runnable computes `dag_hash`. */
  dagHash: string;
}

export const isComposite = (n: PipelineNode): n is CompositeNode =>
  n.type === 'parallel' || n.type === 'map' || n.type === 'conditional' || n.type === 'loop';

export const isLeaf = (n: PipelineNode): n is LeafNode => n.type === 'task' || n.type === 'stub';

export const isTerminal = (n: PipelineNode): n is SuccessNode | FailNode => n.type === 'success' || n.type === 'fail';

/** The sub-graphs of a composite node, keyed by branch key (map/loop: a single `branch`). */
export function childGraphs(n: PipelineNode): Record<string, Graph> {
  switch (n.type) {
    case 'parallel':
    case 'conditional':
      return n.branches;
    case 'map':
    case 'loop':
      return { branch: n.branch };
    case 'task':
    case 'stub':
    case 'success':
    case 'fail':
      return {};
    default:
      return unreachable(n, 'node type');
  }
}
