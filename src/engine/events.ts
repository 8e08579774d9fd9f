// What the engine tells the world. The console, the run-log summary and the GitHub job summary are all
// reporters of these events; none of them reaches into the engine.
import type { Status } from '../services/run-log/model.js';

export type EngineEvent =
  | { type: 'run-started'; runId: string; pipelineFile: string; executor: string; retry: boolean }
  | { type: 'step-started'; step: string; name: string; stepType: string; attempt?: number }
  | { type: 'step-skipped'; step: string; name: string; reason: string }
  | { type: 'step-output'; step: string; stream: 'stdout' | 'stderr'; line: string }
  | {
      type: 'step-finished';
      step: string;
      name: string;
      stepType: string;
      status: Status;
      attempts: number;
      message: string;
      durationMs: number;
    }
  | { type: 'branch-started'; branch: string; step: string }
  | { type: 'branch-finished'; branch: string; step: string; status: Status }
  | { type: 'warning'; message: string }
  | { type: 'run-finished'; runId: string; status: Status; durationMs: number };

export type EventListener = (e: EngineEvent) => void;

export class EventBus {
  private readonly listeners: EventListener[] = [];
  on(l: EventListener): () => void {
    this.listeners.push(l);
    return () => {
      const i = this.listeners.indexOf(l);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }
  emit(e: EngineEvent): void {
    for (const l of this.listeners) l(e);
  }
}
