// Prints engine events for a person at a terminal: step starts and ends, task output prefixed with the step
// name, warnings. Secrets are already masked by the engine before events are emitted.
import type { EngineEvent } from '../engine/events.js';
import { formatDuration } from './format.js';

export interface ConsoleReporterOptions {
  out: (line: string) => void;
  err: (line: string) => void;
  color: boolean;
  /** DEBUG | INFO | WARNING | ERROR: below INFO, step start lines are left out. */
  logLevel: string;
  /** Only task output, unprefixed, on the stream it came from (a single step run for another process). */
  raw?: boolean;
}

const paint = (on: boolean, code: number, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

export function consoleReporter(o: ConsoleReporterOptions): (e: EngineEvent) => void {
  const verbose = ['DEBUG', 'INFO'].includes(o.logLevel.toUpperCase());
  return (e) => {
    if (o.raw) {
      if (e.type === 'step-output') (e.stream === 'stdout' ? o.out : o.err)(e.line);
      else if (e.type === 'warning') o.err(`warning: ${e.message}`);
      return;
    }
    switch (e.type) {
      case 'run-started':
        o.out(`${paint(o.color, 1, e.retry ? 'Resuming run' : 'Run')} ${e.runId} (${e.pipelineFile}, ${e.executor} executor)`);
        break;
      case 'step-started':
        if (verbose && e.stepType !== 'success' && e.stepType !== 'fail') o.out(`${paint(o.color, 36, '▶')} ${e.step}`);
        break;
      case 'step-skipped':
        o.out(`${paint(o.color, 90, '⏩')} ${e.step} skipped: ${e.reason}`);
        break;
      case 'step-output':
        o.out(`${paint(o.color, 90, `[${e.step}]`)} ${e.line}`);
        break;
      case 'step-finished': {
        if (e.stepType === 'success' || e.stepType === 'fail') break;
        const ok = e.status === 'SUCCESS';
        const mark = ok ? paint(o.color, 32, '✔') : paint(o.color, 31, '✖');
        const attempts = e.attempts > 1 ? ` after ${e.attempts} attempts` : '';
        const msg = !ok && e.message ? `: ${e.message.split('\n')[0]}` : '';
        o.out(
          `${mark} ${e.step} ${ok ? 'SUCCESS' : paint(o.color, 31, e.status)} ${paint(o.color, 90, formatDuration(e.durationMs))}${attempts}${msg}`,
        );
        break;
      }
      case 'warning':
        o.err(`${paint(o.color, 33, 'warning:')} ${e.message}`);
        break;
      case 'run-finished': {
        const ok = e.status === 'SUCCESS';
        o.out(
          `${paint(o.color, 1, `Run ${e.runId}`)} ${ok ? paint(o.color, 32, 'SUCCESS') : paint(o.color, 31, e.status)} in ${formatDuration(e.durationMs)}`,
        );
        break;
      }
      default:
        break;
    }
  };
}
