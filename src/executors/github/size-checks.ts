// GitHub's limits on a generated workflow (reference §8): a file over 500 KB does not start runs, and a run has
// at most 256 matrix jobs across all its matrices. Checked before the file is written, so a pipeline that would
// not run on GitHub is refused here, with what to change.
import { InvalidInputError } from '../../errors.js';
import { GITHUB_MATRIX_LIMIT, GITHUB_WORKFLOW_SIZE_LIMIT } from './config.js';
import type { Workflow } from './workflow.js';

export function checkWorkflowLimits(w: Workflow, outputFile: string): void {
  const bytes = Buffer.byteLength(w.text, 'utf8');
  const issues = [];
  if (bytes > GITHUB_WORKFLOW_SIZE_LIMIT) {
    issues.push({
      message: `the workflow for ${outputFile} would be ${Math.ceil(bytes / 1024)} KB, over GitHub's limit of 500 KB (${w.jobs.length} jobs).`,
      fix: 'group top-level steps into fewer (a parallel or map with many branches becomes many jobs), or move parts into a sub-pipeline step.',
    });
  }
  if (w.matrixJobs > GITHUB_MATRIX_LIMIT) {
    issues.push({
      message: `the maps of the workflow may start ${w.matrixJobs} matrix jobs, over GitHub's limit of ${GITHUB_MATRIX_LIMIT} per run.`,
      fix: `set pipeline-executor.config.max_matrix_jobs to ${GITHUB_MATRIX_LIMIT} or less.`,
    });
  }
  if (issues.length) throw new InvalidInputError('invalid configuration', issues);
}
