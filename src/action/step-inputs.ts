// The inputs of the action's `mode: step`, which only workflows written by the github executor use: which stage
// of which step this job runs, its slice of a map's items, the order of its run-log artifact, and whether it
// creates the run. Checked in one place, each bad input named with its fix (regenerating the workflow).
import * as core from '@actions/core';
import { InvalidInputError, type InputIssue } from '../errors.js';
import type { JobStage } from '../executors/github/job-spec.js';

const STAGES: readonly JobStage[] = ['node', 'fan-out', 'branch', 'fan-in', 'finish'];

export interface StepInputs {
  stage: JobStage;
  step: string;
  items?: string;
  matrixJobs?: number;
  sequence: number;
  createRun: boolean;
}

const REGENERATE = 'regenerate the workflow with `runnable transpile PIPELINE -c CONFIG`; these inputs are written by it.';

export function readStepInputs(): StepInputs {
  const get = (n: string) => core.getInput(n).trim();
  const issues: InputIssue[] = [];
  const bad = (input: string, message: string) => issues.push({ message: `input "${input}": ${message}`, fix: REGENERATE });
  const stage = get('stage') as JobStage;
  if (!STAGES.includes(stage)) bad('stage', `"${stage}" is not one of ${STAGES.join(', ')}.`);
  const step = get('step');
  if (!step && stage !== 'finish') bad('step', 'it is required in mode step (the step or branch this job runs).');
  const sequence = Number(get('sequence') || 'NaN');
  if (!Number.isInteger(sequence) || sequence < 1) bad('sequence', `"${get('sequence')}" is not a positive whole number.`);
  const matrixJobsText = get('matrix-jobs');
  const matrixJobs = matrixJobsText ? Number(matrixJobsText) : undefined;
  if (matrixJobs !== undefined && (!Number.isInteger(matrixJobs) || matrixJobs < 1))
    bad('matrix-jobs', `"${matrixJobsText}" is not a positive whole number.`);
  const createRun = get('create-run');
  if (createRun && createRun !== 'true' && createRun !== 'false') bad('create-run', `"${createRun}" is not true or false.`);
  if (!core.getInput('run-id').trim()) bad('run-id', 'it is required in mode step: every job of the workflow works on the same run.');
  if (issues.length) throw new InvalidInputError('invalid action inputs', issues);
  return { stage, step, items: get('items') || undefined, matrixJobs, sequence, createRun: createRun === 'true' };
}
