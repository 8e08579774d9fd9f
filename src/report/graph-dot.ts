// A pipeline graph in Graphviz DOT: composite nodes and their branches become nested clusters.

import { isComposite } from '../pipeline/model.js';
import type { Graph, PipelineNode } from '../pipeline/model.js';
import { branchesOf, compositeTitle, drawnNodes, graphEdges } from './graph-picture.js';

/** A DOT double-quoted string. Backslashes are doubled so label escapes like `\n` in names print literally. */
export function dotQuote(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n')}"`;
}

const clusterId = (internalName: string) => dotQuote(`cluster_${internalName}`);

const SHAPES: Record<string, string> = {
  task: 'shape=box',
  stub: 'shape=box, style=rounded',
  success: 'shape=circle',
  fail: 'shape=doublecircle',
};

// DOT cannot point an edge at a cluster. With `compound=true` an edge between two real nodes can be clipped at a
// cluster's border (lhead/ltail), so an edge into a composite goes to the start of its first branch and an edge
// out of it leaves from that branch's success node. A composite without such a node gets an invisible anchor named
// by the composite's own internal name (no drawn node uses that name).
function entryNode(node: PipelineNode): string | undefined {
  if (!isComposite(node)) return node.internalName;
  const first = branchesOf(node)[0]?.graph;
  const start = first?.nodes[first.startAt];
  return start ? entryNode(start) : undefined;
}

function exitNode(node: PipelineNode): string | undefined {
  if (!isComposite(node)) return node.internalName;
  const first = branchesOf(node)[0]?.graph;
  const end = first && Object.values(first.nodes).find((n) => n.type === 'success');
  return end ? exitNode(end) : undefined;
}

export function renderDot(graph: Graph): string {
  const lines = [
    'digraph pipeline {',
    '  compound=true;',
    '  rankdir=TB;',
    '  graph [fontname="Helvetica", fontsize=11];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const edgeLines: string[] = [];

  const emitGraph = (g: Graph, indent: string) => {
    for (const node of drawnNodes(g)) {
      if (!isComposite(node)) {
        lines.push(`${indent}${dotQuote(node.internalName)} [label=${dotQuote(node.name)}, ${SHAPES[node.type]}];`);
        continue;
      }
      lines.push(`${indent}subgraph ${clusterId(node.internalName)} {`);
      lines.push(`${indent}  label=${dotQuote(compositeTitle(node))};`, `${indent}  style=rounded;`);
      if (entryNode(node) === undefined || exitNode(node) === undefined) {
        lines.push(`${indent}  ${dotQuote(node.internalName)} [label="", shape=point, style=invis];`);
      }
      for (const branch of branchesOf(node)) {
        lines.push(`${indent}  subgraph ${clusterId(branch.graph.internalBranchName)} {`);
        lines.push(`${indent}    label=${dotQuote(branch.title)};`, `${indent}    style=dashed;`);
        emitGraph(branch.graph, `${indent}    `);
        lines.push(`${indent}  }`);
      }
      lines.push(`${indent}}`);
    }
    for (const edge of graphEdges(g)) {
      const attrs: string[] = [];
      let from = edge.from.internalName;
      let to = edge.to.internalName;
      if (isComposite(edge.from)) {
        from = exitNode(edge.from) ?? edge.from.internalName;
        attrs.push(`ltail=${clusterId(edge.from.internalName)}`);
      }
      if (isComposite(edge.to)) {
        to = entryNode(edge.to) ?? edge.to.internalName;
        attrs.push(`lhead=${clusterId(edge.to.internalName)}`);
      }
      if (edge.kind === 'on_failure') attrs.push('style=dotted', 'label="on failure"');
      const attrText = attrs.length ? ` [${attrs.join(', ')}]` : '';
      edgeLines.push(`  ${dotQuote(from)} -> ${dotQuote(to)}${attrText};`);
    }
  };
  emitGraph(graph, '  ');
  lines.push(...edgeLines, '}');
  return lines.join('\n') + '\n';
}
