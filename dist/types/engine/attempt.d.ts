import { type Attempt, type CodeIdentity, type Parameters, type Status, type StepLog } from '../services/run-log/model.js';
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
export declare function recordAttempt(run: {
    retry?: {
        indicator: string;
    };
}, step: StepLog, facts: AttemptFacts): Attempt;
