// One error taxonomy for the whole product (after the Temporal SDK's): every error a user can meet is one of
// these, carries its exit code, and prints as one paragraph. Anything else escaping is a bug in runnable.
import type { SourceLocation } from './pipeline/model.js';

export const EXIT = {
  success: 0,
  runFailed: 1,
  invalidInput: 2,
  infrastructure: 3,
  sigint: 130,
  sigterm: 143,
} as const;

export abstract class RunnableError extends Error {
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

export function formatIssue(i: InputIssue): string {
  const where = i.location ? `${i.location.file}:${i.location.line}:${i.location.col}: ` : '';
  const step = i.step ? `step "${i.step}": ` : '';
  const fix = i.fix ? ` Fix: ${i.fix}` : '';
  return `${where}${step}${i.message}${fix}`;
}

/** A pipeline, configuration, parameters file, CLI flag or action input that cannot be used. Exit 2. */
export class InvalidInputError extends RunnableError {
  readonly exitCode = EXIT.invalidInput;
  constructor(
    readonly kind: string,
    readonly issues: InputIssue[],
  ) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InvalidInputError';
  }
}

/** The run happened and did not succeed (a step failed and no on_failure led to success). Exit 1. */
export class RunFailedError extends RunnableError {
  readonly exitCode = EXIT.runFailed;
  readonly kind = 'run failed';
  constructor(
    readonly runId: string,
    message: string,
  ) {
    super(message);
    this.name = 'RunFailedError';
  }
}

/** Something outside the pipeline broke: Docker, Kubernetes, the disk, a missing interpreter. Exit 3. */
export class InfrastructureError extends RunnableError {
  readonly exitCode = EXIT.infrastructure;
  constructor(
    readonly kind: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InfrastructureError';
  }
}

/** The run was stopped by a signal. Exit 130 (SIGINT) or 143 (SIGTERM). */
export class CancelledError extends RunnableError {
  readonly kind = 'cancelled';
  readonly exitCode: number;
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`the run was cancelled by ${signal}`);
    this.name = 'CancelledError';
    this.exitCode = signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  }
}

/** Raised inside a step (catalog get without a match, a map over a non-list, ...): fails the step, not the process. */
export class StepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepError';
  }
}

export function invalid(kind: string, message: string, extra: Omit<InputIssue, 'message'> = {}): InvalidInputError {
  return new InvalidInputError(kind, [{ message, ...extra }]);
}
