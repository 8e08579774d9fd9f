import type { SourceLocation } from './pipeline/model.js';
export declare const EXIT: {
    readonly success: 0;
    readonly runFailed: 1;
    readonly invalidInput: 2;
    readonly infrastructure: 3;
    readonly sigint: 130;
    readonly sigterm: 143;
};
export declare abstract class RunnableError extends Error {
    abstract readonly exitCode: number;
    /** A one-line label printed before the message ("invalid pipeline", "docker", ...). */
    abstract readonly kind: string;
}
/** One problem in a file the user wrote, with where it is and what to write instead. */
export interface InputIssue {
    location?: SourceLocation;
    /** The step (internal name) the problem is in, when there is one. */
    step?: string;
    message: string;
    /** What to write instead. */
    fix?: string;
}
export declare function formatIssue(i: InputIssue): string;
/** A pipeline, configuration, parameters file, CLI flag or action input that cannot be used. Exit 2. */
export declare class InvalidInputError extends RunnableError {
    readonly kind: string;
    readonly issues: InputIssue[];
    readonly exitCode: 2;
    constructor(kind: string, issues: InputIssue[]);
}
/** The run happened and did not succeed (a step failed and no on_failure led to success). Exit 1. */
export declare class RunFailedError extends RunnableError {
    readonly runId: string;
    readonly exitCode: 1;
    readonly kind = "run failed";
    constructor(runId: string, message: string);
}
/** Something outside the pipeline broke: Docker, Kubernetes, the disk, a missing interpreter. Exit 3. */
export declare class InfrastructureError extends RunnableError {
    readonly kind: string;
    readonly exitCode: 3;
    constructor(kind: string, message: string, options?: {
        cause?: unknown;
    });
}
/** The run was stopped by a signal. Exit 130 (SIGINT) or 143 (SIGTERM). */
export declare class CancelledError extends RunnableError {
    readonly signal: 'SIGINT' | 'SIGTERM';
    readonly kind = "cancelled";
    readonly exitCode: number;
    constructor(signal: 'SIGINT' | 'SIGTERM');
}
/** Raised inside a step (catalog get without a match, a map over a non-list, ...): fails the step, not the process. */
export declare class StepError extends Error {
    constructor(message: string);
}
export declare function invalid(kind: string, message: string, extra?: Omit<InputIssue, 'message'>): InvalidInputError;
