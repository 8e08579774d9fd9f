import type { JobPlacement } from './config.js';
/** What the action does in a job (its `stage:` input); see src/executors/github/stages.ts. */
export type JobStage = 
/** Run one top-level step whole: a task or stub (execute-single-node semantics) or a loop. */
'node'
/** Open a parallel, map or conditional step; a map says its item slices, a conditional its branch. */
 | 'fan-out'
/** Run one branch of a parallel or conditional, or a slice of a map's items, whole. */
 | 'branch'
/** Close a composite step: merge (or reduce) what its branches changed, decide its status. */
 | 'fan-in'
/** Assemble the run log, decide the run's status, upload it and write the summary. */
 | 'finish';
export interface JobSpec {
    id: string;
    /** Shown by GitHub instead of the id: the step's own name and role. */
    name: string;
    needs: string[];
    /** A job `if:` expression without `${{ }}`. */
    if?: string;
    placement: JobPlacement;
    /** Names of secrets the job's tasks read: `NAME: ${{ secrets.NAME }}` in its env. */
    secrets: string[];
    /** Job outputs: name -> expression without `${{ }}`. */
    outputs?: Record<string, string>;
    /** A dynamic matrix over one variable: `{name, from}` with `from` an expression without `${{ }}`. */
    matrix?: {
        name: string;
        from: string;
    };
    stage: JobStage;
    /** The action's inputs particular to this job (`step`, `items`, `matrix-jobs`, ...). */
    inputs: Record<string, string>;
}
/** The jobs of one top-level step: where a run enters it, and the job whose result is the step's status. */
export interface NodeJobs {
    entry: JobSpec;
    result: JobSpec;
    jobs: JobSpec[];
}
/** A string as a single-quoted literal of GitHub's expression language. */
export declare const exprString: (s: string) => string;
