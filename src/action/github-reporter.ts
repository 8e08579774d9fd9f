// Engine events as a GitHub log: one collapsible group per top-level step (groups cannot nest, so a composite
// step's branches and inner steps are inside its group, their lines prefixed with their internal names), task
// output as it comes with workflow commands stopped, engine warnings as warning annotations.
import * as core from '@actions/core';
import type { EngineEvent, EventListener } from '../engine/events.js';
import { formatDuration } from '../report/format.js';
import type { Annotations } from './annotations.js';
import type { ActionLog } from './log.js';

/** Run-time internal names of nested steps have a dot (`par.left.b`); top-level ones do not. */
const isTopLevel = (step: string) => !step.includes('.');
const isTerminal = (stepType: string) => stepType === 'success' || stepType === 'fail';

/** The last lines each step printed: the annotation of a failed step shows them (its message is often empty). */
export class OutputTails {
  private readonly lines = new Map<string, string[]>();
  constructor(private readonly keep = 3) {}

  add(step: string, line: string): void {
    const tail = this.lines.get(step) ?? [];
    tail.push(line.length > 500 ? `${line.slice(0, 499)}…` : line);
    if (tail.length > this.keep) tail.shift();
    this.lines.set(step, tail);
  }

  get(step: string): string[] {
    return this.lines.get(step) ?? [];
  }
}

export function githubReporter(log: ActionLog, annotations: Annotations, tails?: OutputTails): EventListener {
  let open: string | undefined; // the top-level step whose group is open

  const close = () => {
    if (open === undefined) return;
    open = undefined;
    log.command(() => core.endGroup());
  };

  return (e: EngineEvent) => {
    switch (e.type) {
      case 'run-started':
        log.text(`${e.retry ? 'Resuming run' : 'Run'} ${e.runId} (${e.pipelineFile}, ${e.executor} executor)`);
        break;
      case 'step-started': {
        if (isTerminal(e.stepType)) break;
        const again = e.attempt && e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
        if (isTopLevel(e.step)) {
          if (open !== e.step) {
            close();
            log.command(() => core.startGroup(`${e.name}${e.stepType === 'task' ? '' : ` (${e.stepType})`}`));
            open = e.step;
          }
          if (again) log.text(`▶ ${e.step}${again}`);
        } else {
          log.text(`▶ ${e.step}${again}`);
        }
        break;
      }
      case 'step-skipped':
        if (isTopLevel(e.step)) close();
        log.text(`⏩ ${e.step} skipped: ${e.reason}`);
        break;
      case 'step-output':
        tails?.add(e.step, e.line);
        log.text(open === e.step ? e.line : `[${e.step}] ${e.line}`);
        break;
      case 'step-finished': {
        if (isTerminal(e.stepType)) break;
        const ok = e.status === 'SUCCESS';
        const attempts = e.attempts > 1 ? ` after ${e.attempts} attempts` : '';
        const why = !ok && e.message ? `: ${e.message.split('\n')[0]}` : '';
        log.text(`${ok ? '✔' : '✖'} ${e.step} ${e.status} ${formatDuration(e.durationMs)}${attempts}${why}`);
        if (open === e.step) close();
        break;
      }
      case 'warning':
        log.text(`warning: ${e.message}`);
        annotations.warning({ message: e.message, title: 'runnable' });
        break;
      case 'run-finished':
        close();
        log.text(`Run ${e.runId} ${e.status} in ${formatDuration(e.durationMs)}`);
        break;
      default:
        break;
    }
  };
}
