// The one builder of attempt records (runnable's StepAttempt): every place that records an attempt — a leaf's
// run, a mocked leaf, a success/fail node, a step process that died before it could write — goes through
// `recordAttempt`, so numbering, the retry indicator and metrics are derived the same way everywhere.
// runnable builds them in its executor's `_execute_node` only; the field layout is the same.
import { timestamp, type Attempt, type CodeIdentity, type Parameters, type Status, type StepLog } from '../services/run-log/model.js';

/** What an attempt found out; the rest of the record follows from the step and the run. */
export interface AttemptFacts {
  status: Status;
  message?: string;
  /** When the attempt started (default: now, so start and end are equal). */
  start?: string;
  input_parameters?: Parameters;
  /** Recorded as given; metrics among them are also the attempt's `user_defined_metrics`. */
  output_parameters?: Parameters;
  code_identities?: CodeIdentity[];
}

/** Appends the step's next attempt (numbered from 1, ended now) and returns it. */
export function recordAttempt(run: { retry?: { indicator: string } }, step: StepLog, facts: AttemptFacts): Attempt {
  const end = timestamp();
  const outputs = facts.output_parameters ?? {};
  const attempt: Attempt = {
    attempt_number: step.attempts.length + 1,
    start_time: facts.start ?? end,
    end_time: end,
    status: facts.status,
    message: facts.message ?? '',
    input_parameters: facts.input_parameters ?? {},
    output_parameters: outputs,
    user_defined_metrics: Object.fromEntries(Object.entries(outputs).filter(([, p]) => p.kind === 'metric')),
    retry_indicator: run.retry?.indicator ?? '',
    code_identities: facts.code_identities ?? [],
  };
  step.attempts.push(attempt);
  return attempt;
}
