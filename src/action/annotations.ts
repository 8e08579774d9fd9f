// Annotations: problems in the pipeline, configuration or parameters files at their line, failed steps at the
// step's line in the pipeline file, engine warnings. GitHub shows at most 10 annotations of each type per step:
// beyond that one annotation says how many more there are (every one of them is in the log).
import path from 'node:path';
import * as core from '@actions/core';
import { formatIssue, type InputIssue } from '../errors.js';
import { findNode } from '../pipeline/find-node.js';
import { LOOP_PLACEHOLDER, MAP_PLACEHOLDER, type Pipeline, type SourceLocation } from '../pipeline/model.js';
import type { RunLog, StepLog } from '../services/run-log/model.js';
import { lastAttempt } from '../report/run-tree.js';
import type { ActionLog } from './log.js';

/** GitHub's limit of annotations of one type (error, warning, notice) per step. */
export const ANNOTATIONS_PER_TYPE = 10;

export interface Annotation {
  message: string;
  title?: string;
  location?: SourceLocation;
}

export class Annotations {
  private readonly errors: Annotation[] = [];
  private warningsShown = 0;
  private warningsLeft = 0;

  /**
   * @param workspace GITHUB_WORKSPACE: annotation paths are relative to it, so they attach to the diff.
   * @param cwd where the relative paths of source locations start (the working directory of the run).
   */
  constructor(
    private readonly log: ActionLog,
    private readonly workspace: string,
    public cwd: string,
    /** Secrets out of every message (the runner masks them too; this does not depend on it). */
    private readonly mask: (text: string) => string = (t) => t,
  ) {}

  /** Collected; written by `finish`, in the order they came. */
  error(a: Annotation): void {
    this.errors.push(a);
  }

  /** Written at once while there is room (the last place is kept for "N more"). */
  warning(a: Annotation): void {
    if (this.warningsShown < ANNOTATIONS_PER_TYPE - 1) {
      this.warningsShown++;
      this.log.command(() => core.warning(this.mask(a.message), this.properties(a)));
    } else {
      this.warningsLeft++;
    }
  }

  /** Writes the errors, then `failure` (core.setFailed) last, all within the limit. */
  finish(failure?: string): void {
    const room = ANNOTATIONS_PER_TYPE - (failure ? 1 : 0);
    const shown = this.errors.length <= room ? this.errors : this.errors.slice(0, room - 1);
    const left = this.errors.length - shown.length;
    this.log.command(() => {
      for (const a of shown) core.error(this.mask(a.message), this.properties(a));
      if (left)
        core.error(
          `${left} more problem${left > 1 ? 's' : ''} (GitHub shows ${ANNOTATIONS_PER_TYPE} annotations per step): all of them are in the log of this step.`,
          { title: 'more problems' },
        );
      if (this.warningsLeft) {
        core.warning(`${this.warningsLeft} more warning${this.warningsLeft > 1 ? 's are' : ' is'} in the log of this step.`, {
          title: 'more warnings',
        });
      }
      if (failure) core.setFailed(this.mask(failure));
    });
    this.errors.length = 0;
    this.warningsLeft = 0;
  }

  /** A path as GitHub wants it: relative to the workspace, with forward slashes. */
  relativePath(file: string): string {
    const rel = path.relative(this.workspace, path.resolve(this.cwd, file));
    return (rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(this.cwd, file) : rel).split(path.sep).join('/');
  }

  private properties(a: Annotation): core.AnnotationProperties {
    const p: core.AnnotationProperties = {};
    if (a.title) p.title = this.mask(a.title);
    if (a.location) {
      p.file = this.relativePath(a.location.file);
      p.startLine = a.location.line;
      p.startColumn = a.location.col;
    }
    return p;
  }
}

/** An input problem as an annotation: located when the issue is, the message with its step and fix. */
export function issueAnnotation(kind: string, issue: InputIssue): Annotation {
  return { title: kind, location: issue.location, message: formatIssue({ ...issue, location: undefined }) };
}

export interface FailedStep {
  /** Run-time internal name (`map.2.task`), as in the run log and the `failed-steps` output. */
  internalName: string;
  /** Definition-time internal name (`map.map_variable_placeholder.task`), as in the pipeline. */
  definitionName: string;
  step: StepLog;
}

/**
 * The steps where the run went wrong: failed tasks and stubs, and failed composite steps with no failed step
 * inside (a map over a non-list fails the map itself). Composites failing because of a step inside are that
 * step's consequence and not listed. Terminal success/fail nodes are never listed.
 */
export function failedSteps(runLog: RunLog): FailedStep[] {
  const out: FailedStep[] = [];
  const walk = (steps: Record<string, StepLog>, definitionBranch: string): boolean => {
    let found = false;
    for (const step of Object.values(steps ?? {})) {
      if (step.step_type === 'success' || step.step_type === 'fail') continue;
      const definitionName = definitionBranch ? `${definitionBranch}.${step.name}` : step.name;
      let inside = false;
      for (const branch of Object.values(step.branches ?? {})) {
        const key = branch.internal_name.slice(step.internal_name.length + 1);
        const placeholder = step.step_type === 'map' ? MAP_PLACEHOLDER : step.step_type === 'loop' ? LOOP_PLACEHOLDER : key;
        if (walk(branch.steps, `${definitionName}.${placeholder}`)) inside = true;
      }
      if (step.status === 'FAIL' && !inside) out.push({ internalName: step.internal_name, definitionName, step });
      if (step.status === 'FAIL' || inside) found = true;
    }
    return found;
  };
  walk(runLog.steps, '');
  return out;
}

/** Why a step failed, in one line. */
export function failureMessage(step: StepLog): string {
  const message = (step.message || lastAttempt(step)?.message || '').split('\n')[0].trim();
  const attempts = step.attempts.length > 1 ? ` after ${step.attempts.length} attempts` : '';
  return `step "${step.internal_name}" failed${attempts}${message ? `: ${message}` : '.'}`;
}

/** A failed step as an annotation at its line of the pipeline file, with the last lines it printed. */
export function failedStepAnnotation(pipeline: Pipeline, failed: FailedStep, lastOutput: string[] = []): Annotation {
  const location = findNode(pipeline.graph, failed.definitionName)?.node.location;
  const tail = lastOutput.length ? `\nLast output:\n${lastOutput.map((l) => `  ${l}`).join('\n')}` : '';
  return { title: `step ${failed.internalName} failed`, location, message: `${failureMessage(failed.step)}${tail}` };
}
