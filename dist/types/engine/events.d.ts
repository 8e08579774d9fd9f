import type { Status } from '../services/run-log/model.js';
export type EngineEvent = {
    type: 'run-started';
    runId: string;
    pipelineFile: string;
    executor: string;
    retry: boolean;
} | {
    type: 'step-started';
    step: string;
    name: string;
    stepType: string;
    attempt?: number;
} | {
    type: 'step-skipped';
    step: string;
    name: string;
    reason: string;
} | {
    type: 'step-output';
    step: string;
    stream: 'stdout' | 'stderr';
    line: string;
} | {
    type: 'step-finished';
    step: string;
    name: string;
    stepType: string;
    status: Status;
    attempts: number;
    message: string;
    durationMs: number;
} | {
    type: 'branch-started';
    branch: string;
    step: string;
} | {
    type: 'branch-finished';
    branch: string;
    step: string;
    status: Status;
} | {
    type: 'warning';
    message: string;
} | {
    type: 'run-finished';
    runId: string;
    status: Status;
    durationMs: number;
};
export type EventListener = (e: EngineEvent) => void;
export declare class EventBus {
    private readonly listeners;
    on(l: EventListener): () => void;
    emit(e: EngineEvent): void;
}
