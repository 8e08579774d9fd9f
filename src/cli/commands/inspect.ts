// The inspection commands: `graph` (the DAG), `show` and `timeline` (one run), `list` (all runs).
import { EXIT, InvalidInputError, formatIssue } from '../../errors.js';
import { loadPipelineFile } from '../../pipeline/load.js';
import { renderDot } from '../../report/graph-dot.js';
import { graphToJson } from '../../report/graph-json.js';
import { renderMermaid } from '../../report/graph-mermaid.js';
import { renderRunConsole } from '../../report/run-console.js';
import { renderRunList, summariseRun } from '../../report/run-list.js';
import { renderTimelineHtml } from '../../report/timeline-html.js';
import { atomicWriteSync } from '../../util/atomic-write.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG, FORMAT_FLAG, OUTPUT_FLAG } from '../options.js';
import { configuredStore, readRun, terminalWidth } from '../read-run.js';
import { checkRunId } from '../../run/run-id.js';

export const GRAPH_USAGE = 'runnable graph PIPELINE.yaml [--format mermaid|dot|json] [-o FILE]';
export const SHOW_USAGE = 'runnable show RUN_ID|RUN_LOG.json [-c CONFIG] [--format text|json]';
export const TIMELINE_USAGE = 'runnable timeline RUN_ID|RUN_LOG.json [-o run.html] [-c CONFIG]';
export const LIST_USAGE = 'runnable list [-c CONFIG] [--format text|json]';

function one(positionals: string[], what: string, usage: string): string {
  if (positionals.length !== 1)
    throw new InvalidInputError('invalid arguments', [{ message: `expected one ${what}.`, fix: `usage: ${usage}` }]);
  return positionals[0];
}

function formatOf(flag: string | true | undefined, allowed: string[], usage: string): string {
  const f = str(flag) ?? allowed[0];
  if (!allowed.includes(f))
    throw new InvalidInputError('invalid arguments', [
      { message: `--format ${f} is not one of ${allowed.join(', ')}.`, fix: `usage: ${usage}` },
    ]);
  return f;
}

function emit(io: CliIO, text: string, output: string | undefined): void {
  if (output) {
    atomicWriteSync(output, text.endsWith('\n') ? text : `${text}\n`);
    io.err(`wrote ${output}`);
  } else io.out(text.replace(/\n$/, ''));
}

export async function graphCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('graph', argv, [FORMAT_FLAG, OUTPUT_FLAG], GRAPH_USAGE);
  const file = one(a.positionals, 'pipeline file', GRAPH_USAGE);
  const format = formatOf(a.flags.format, ['mermaid', 'dot', 'json'], GRAPH_USAGE);
  const graph = loadPipelineFile(file).graph;
  const text =
    format === 'mermaid' ? renderMermaid(graph) : format === 'dot' ? renderDot(graph) : JSON.stringify(graphToJson(graph), null, 2);
  emit(io, text, str(a.flags.output));
  return 0;
}

export async function showCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('show', argv, [CONFIG_FLAG, FORMAT_FLAG], SHOW_USAGE);
  const ref = one(a.positionals, 'run id', SHOW_USAGE);
  const format = formatOf(a.flags.format, ['text', 'json'], SHOW_USAGE);
  const runLog = await readRun(ref, str(a.flags.config), io);
  io.out(
    format === 'json'
      ? JSON.stringify(runLog, null, 2)
      : renderRunConsole(runLog, { width: terminalWidth(io), color: io.color }).replace(/\n$/, ''),
  );
  return runLog.status === 'SUCCESS' ? 0 : 1;
}

export async function timelineCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('timeline', argv, [CONFIG_FLAG, OUTPUT_FLAG], TIMELINE_USAGE);
  const ref = one(a.positionals, 'run id', TIMELINE_USAGE);
  const runLog = await readRun(ref, str(a.flags.config), io);
  // the run id comes from a file: checked like any run id before it names one
  const output = str(a.flags.output) ?? `${checkRunId(runLog.run_id, `the run log's run_id`)}.html`;
  atomicWriteSync(output, renderTimelineHtml(runLog));
  io.out(renderRunConsole(runLog, { width: terminalWidth(io), color: io.color }).replace(/\n$/, ''));
  io.out(`timeline: ${output}`);
  return 0;
}

export async function listCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('list', argv, [CONFIG_FLAG, FORMAT_FLAG], LIST_USAGE);
  const format = formatOf(a.flags.format, ['text', 'json'], LIST_USAGE);
  if (a.positionals.length)
    throw new InvalidInputError('invalid arguments', [{ message: 'list takes no arguments.', fix: `usage: ${LIST_USAGE}` }]);
  const store = configuredStore(str(a.flags.config), io);
  const rows = [];
  const broken: InvalidInputError[] = [];
  for (const id of await store.list()) {
    try {
      rows.push(summariseRun(await store.read(id)));
    } catch (e) {
      // one bad file is reported, and never hides the other runs (writes are atomic: never a half-written one)
      if (!(e instanceof InvalidInputError)) throw e;
      broken.push(e);
    }
  }
  rows.sort((x, y) => (y.start ?? 0) - (x.start ?? 0));
  if (format === 'json') io.out(JSON.stringify(rows, null, 2));
  else io.out(renderRunList(rows, { width: terminalWidth(io), color: io.color }).replace(/\n$/, ''));
  if (!broken.length) return 0;
  const issues = broken.flatMap((e) => e.issues);
  io.err(
    `error: invalid run log (${issues.length} file${issues.length > 1 ? 's' : ''}):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
  );
  return EXIT.invalidInput;
}
