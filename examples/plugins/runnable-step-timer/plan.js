// A whole-graph executor plugin: the engine does not traverse; this executor gets the whole pipeline (a GraphRun)
// and, like the argo or github executors, renders it for another engine — here a plain-text plan, one line per
// step in traversal order with its type and where it goes next. It runs nothing, so `runnable transpile` and
// `runnable execute` both write the plan.
// Configuration:
//   pipeline-executor:
//     type: plan
//     config:
//       output: plan.txt
import fs from 'node:fs';

/** @typedef {import('runnable').GraphExecutor} GraphExecutor */
/** @typedef {import('runnable').Graph} Graph */

/** The steps of a graph from start_at, following `next`, with branches indented under their step. */
function planLines(/** @type {Graph} */ graph, indent = '') {
  const lines = [];
  for (let name = graph.startAt; name;) {
    const node = graph.nodes[name];
    if (!node) break;
    lines.push(`${indent}${node.internalName}\t${node.type}${node.next ? `\t-> ${node.next}` : ''}`);
    const branches = node.type === 'parallel' || node.type === 'conditional' ? node.branches : 'branch' in node ? { '': node.branch } : {};
    for (const branch of Object.values(branches)) lines.push(...planLines(branch, `${indent}  `));
    name = node.next;
  }
  return lines;
}

/** @implements {GraphExecutor} */
class PlanExecutor {
  model = 'whole-graph';
  type = 'plan';

  constructor(/** @type {{output: string}} */ config) {
    this.output = config.output;
  }

  /** @type {GraphExecutor['executeGraph']} */
  async executeGraph(run) {
    fs.writeFileSync(this.output, `${planLines(run.pipeline.graph).join('\n')}\n`);
    run.say(`plan of run ${run.runId} written to ${this.output}`);
    return { kind: 'rendered', files: [this.output] };
  }
}

export default {
  create(/** @type {Record<string, unknown>} */ config) {
    return new PlanExecutor({ output: typeof config.output === 'string' ? config.output : 'plan.txt' });
  },
};
