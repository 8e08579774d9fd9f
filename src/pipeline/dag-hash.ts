// The dag dump runnable records in run_config.dag, and its sha1 (`dag_hash`): a retry is refused when it changes.
import crypto from 'node:crypto';
import type { Graph, PipelineNode } from './model.js';
import { unreachable } from '../util/unreachable.js';

function nodeDump(n: PipelineNode): Record<string, unknown> {
  const base: Record<string, unknown> = {
    node_type: n.type,
    name: n.name,
    internal_name: n.internalName,
    next_node: n.next,
    on_failure: n.onFailure,
    overrides: n.overrides,
  };
  switch (n.type) {
    case 'task':
      return { ...base, catalog: n.catalog ?? null, max_attempts: n.maxAttempts, ...n.task };
    case 'stub':
      return { ...base, catalog: n.catalog ?? null, max_attempts: n.maxAttempts };
    case 'parallel':
      return { ...base, branches: Object.fromEntries(Object.entries(n.branches).map(([k, g]) => [k, dagDump(g)])) };
    case 'conditional':
      return { ...base, parameter: n.parameter, branches: Object.fromEntries(Object.entries(n.branches).map(([k, g]) => [k, dagDump(g)])) };
    case 'map':
      return { ...base, iterate_on: n.iterateOn, iterate_as: n.iterateAs, reducer: n.reducer ?? null, branch: dagDump(n.branch) };
    case 'loop':
      return { ...base, max_iterations: n.maxIterations, break_on: n.breakOn, index_as: n.indexAs, branch: dagDump(n.branch) };
    case 'success':
    case 'fail':
      return base;
    default:
      return unreachable(n, 'node type');
  }
}

export function dagDump(g: Graph): Record<string, unknown> {
  return {
    start_at: g.startAt,
    name: '',
    description: g.description,
    internal_branch_name: g.internalBranchName,
    nodes: Object.fromEntries(Object.entries(g.nodes).map(([k, n]) => [k, nodeDump(n)])),
  };
}

/** JSON with sorted keys at every depth, so the hash does not depend on key order in the file. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function dagHash(g: Graph): string {
  return crypto
    .createHash('sha1')
    .update(canonicalJson(dagDump(g)))
    .digest('hex');
}
