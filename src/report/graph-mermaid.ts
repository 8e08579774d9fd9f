// A pipeline graph as a Mermaid flowchart: for READMEs, `runnable graph`, and (with statuses) the GitHub job summary.

import { isComposite } from '../pipeline/model.js';
import type { Graph, PipelineNode } from '../pipeline/model.js';
import type { Status } from '../services/run-log/model.js';
import { branchesOf, compositeTitle, drawnNodes, failDrawnForRun, graphEdges } from './graph-picture.js';
import { unreachable } from '../util/unreachable.js';

export interface MermaidOptions {
  /**
   * Status by definition-time internal name (with the map/loop placeholders, as in the Graph; see
   * `graphStatusesFromRunLog`). Nodes, composite boxes and branch boxes with a SUCCESS/FAIL/PROCESSING status get
   * a class; CREATED and names that are not drawn are left alone.
   */
  statuses?: Record<string, Status>;
  /** Definition-time internal names of nodes that ran mocked: drawn dashed, with "(mocked)" after the name. */
  mocked?: readonly string[];
}

/**
 * The Mermaid id of a node or branch, derived from its internal name only, so the same node keeps its id across
 * renders. Ids hold only [A-Za-z0-9_] and start with "n_" (a bare `end`, or ids starting with o/x after an arrow,
 * confuse Mermaid's parser).
 *
 * The usual names (letters and digits joined by single "_" or ".") map readably and one-to-one: "." becomes "__"
 * (`par.left.a` -> `n_par__left__a`). Anything else (spaces, punctuation, non-ASCII) becomes a slug plus "___" and
 * a hash of the full name; the readable form never contains "___", so the two forms cannot collide.
 */
export function mermaidId(internalName: string): string {
  if (/^[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)*$/.test(internalName)) return `n_${internalName.replaceAll('.', '__')}`;
  const slug = internalName.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `n_${slug}___${fnv1a32(internalName).toString(36)}`;
}

/** 32-bit FNV-1a over UTF-16 code units: tiny, stable, and enough to tell apart the names of one pipeline. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Text safe inside a double-quoted Mermaid label. Mermaid reads `#<decimal>;` as a character entity, so the
 * characters that end a label, open a shape or start an entity (and HTML's < > &) are written that way.
 */
export function escapeMermaidLabel(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[#"<>[\](){}&|`]/g, (c) => `#${c.charCodeAt(0)};`);
}

function nodeShape(node: PipelineNode, id: string, mocked: boolean): string {
  const label = `"${escapeMermaidLabel(mocked ? `${node.name} (mocked)` : node.name)}"`;
  switch (node.type) {
    case 'task':
      return `${id}[${label}]`;
    case 'stub':
      return `${id}(${label})`;
    case 'success':
      return `${id}((${label}))`;
    case 'fail':
      return `${id}(((${label})))`;
    case 'parallel':
    case 'map':
    case 'conditional':
    case 'loop':
      return `${id}[${label}]`;
    default:
      return unreachable(node, 'node type');
  }
}

const STATUS_CLASSES: Partial<Record<Status, { name: string; style: string }>> = {
  SUCCESS: { name: 'success', style: 'fill:#dafbe1,stroke:#1a7f37,color:#0f5323' },
  FAIL: { name: 'fail', style: 'fill:#ffebe9,stroke:#cf222e,color:#82071e' },
  PROCESSING: { name: 'processing', style: 'fill:#fff8c5,stroke:#9a6700,color:#4d2d00' },
};

/** Mocked nodes keep their status colour and get a dashed border (a second class). */
const MOCKED_CLASS = { name: 'mocked', style: 'stroke-dasharray:5 5' };

export function renderMermaid(graph: Graph, opts: MermaidOptions = {}): string {
  const lines = ['flowchart TD'];
  const edgeLines: string[] = [];
  const drawnIds = new Map<string, string>(); // node or branch internal name -> id, for the status classes
  const mocked = new Set(opts.mocked ?? []);

  // Nodes first, each inside the subgraph it belongs to (Mermaid places a node where it is first mentioned),
  // and every edge afterwards at top level so an edge never drags a node into the wrong box.
  const emitGraph = (g: Graph, indent: string) => {
    const failReached = opts.statuses?.[g.nodes.fail?.internalName ?? ''] === 'FAIL';
    for (const node of drawnNodes(g, { failReached })) {
      const id = mermaidId(node.internalName);
      drawnIds.set(node.internalName, id);
      if (isComposite(node)) {
        lines.push(`${indent}subgraph ${id}["${escapeMermaidLabel(compositeTitle(node))}"]`);
        for (const branch of branchesOf(node)) {
          const branchId = mermaidId(branch.graph.internalBranchName);
          drawnIds.set(branch.graph.internalBranchName, branchId);
          lines.push(`${indent}    subgraph ${branchId}["${escapeMermaidLabel(branch.title)}"]`);
          emitGraph(branch.graph, `${indent}        `);
          lines.push(`${indent}    end`);
        }
        lines.push(`${indent}end`);
      } else {
        lines.push(`${indent}${nodeShape(node, id, mocked.has(node.internalName))}`);
      }
    }
    for (const edge of graphEdges(g)) {
      const from = mermaidId(edge.from.internalName);
      const to = mermaidId(edge.to.internalName);
      edgeLines.push(edge.kind === 'next' ? `    ${from} --> ${to}` : `    ${from} -.->|on failure| ${to}`);
    }
    if (failReached && failDrawnForRun(g)) edgeLines.push(...failedIntoFail(g, opts.statuses ?? {}));
  };
  emitGraph(graph, '    ');
  lines.push(...edgeLines);

  if (opts.statuses) lines.push(...statusClassLines(opts.statuses, drawnIds));
  const mockedIds = [...mocked].flatMap((name) => drawnIds.get(name) ?? []);
  if (mockedIds.length)
    lines.push(`    classDef ${MOCKED_CLASS.name} ${MOCKED_CLASS.style}`, `    class ${mockedIds.join(',')} ${MOCKED_CLASS.name}`);
  return lines.join('\n') + '\n';
}

/** A run reached the graph's implicit `fail` node: dotted edges into it from the nodes that failed there. */
function failedIntoFail(g: Graph, statuses: Record<string, Status>): string[] {
  const fail = mermaidId(g.nodes.fail.internalName);
  return Object.values(g.nodes)
    .filter((n) => n.type !== 'fail' && !n.onFailure && statuses[n.internalName] === 'FAIL')
    .map((n) => `    ${mermaidId(n.internalName)} -.->|failed| ${fail}`);
}

/** `classDef` for every status class, and `class` lines giving them to the drawn nodes and boxes. */
function statusClassLines(statuses: Record<string, Status>, drawnIds: Map<string, string>): string[] {
  const lines: string[] = [];
  const byClass = new Map<string, string[]>();
  for (const [internalName, status] of Object.entries(statuses)) {
    const cls = STATUS_CLASSES[status];
    const id = drawnIds.get(internalName);
    if (!cls || !id) continue;
    byClass.set(cls.name, [...(byClass.get(cls.name) ?? []), id]);
  }
  for (const cls of Object.values(STATUS_CLASSES)) {
    if (!cls) continue;
    lines.push(`    classDef ${cls.name} ${cls.style}`);
    const ids = byClass.get(cls.name);
    if (ids) lines.push(`    class ${ids.join(',')} ${cls.name}`);
  }
  return lines;
}
