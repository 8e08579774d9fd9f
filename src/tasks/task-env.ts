// The environment tasks start from. runnable builds it from scratch (no PATH, no HOME); we inherit the
// runnable process's environment, minus the secrets that some task of the pipeline declares: those reach only
// the tasks that list them.
import { childGraphs, type Graph, type Pipeline } from '../pipeline/model.js';

export function declaredSecrets(graph: Graph, out = new Set<string>()): Set<string> {
  for (const n of Object.values(graph.nodes)) {
    if (n.type === 'task') for (const s of n.task.secrets) out.add(s);
    for (const g of Object.values(childGraphs(n))) declaredSecrets(g, out);
  }
  return out;
}

export function taskBaseEnv(pipeline: Pipeline, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const secrets = declaredSecrets(pipeline.graph);
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!secrets.has(k)) out[k] = v;
  return out;
}
