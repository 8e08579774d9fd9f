// `runnable validate PIPELINE [-c CONFIG] [-p PARAMETERS] [--format text|json]`: every check a run would make
// before it starts, all problems at once, nothing run and nothing written. Exit 2 when anything is wrong.
import { InvalidInputError, formatIssue } from '../../errors.js';
import { validatePipeline } from '../../run/validate.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG, FORMAT_FLAG, PARAMETERS_FLAG } from '../options.js';

export const VALIDATE_USAGE = 'runnable validate PIPELINE.yaml [-c CONFIG] [-p PARAMETERS] [--format text|json]';

export async function validateCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('validate', argv, [CONFIG_FLAG, PARAMETERS_FLAG, FORMAT_FLAG], VALIDATE_USAGE);
  const format = str(a.flags.format) ?? 'text';
  if (!['text', 'json'].includes(format) || a.positionals.length !== 1) {
    throw new InvalidInputError('invalid arguments', [
      {
        message: a.positionals.length !== 1 ? 'validate takes one pipeline file.' : `--format ${format} is not known.`,
        fix: `usage: ${VALIDATE_USAGE}`,
      },
    ]);
  }
  const file = a.positionals[0];
  const report = await validatePipeline(
    { pipelineFile: file, configFile: str(a.flags.config), parametersFile: str(a.flags.parameters) },
    io.env,
    io.cwd,
  );
  const issues = report.issues;
  const warnings = report.warnings.map(formatIssue);
  if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          valid: issues.length === 0,
          issues: issues.map((i) => ({ ...i.location, step: i.step, message: i.message, fix: i.fix })),
          warnings,
        },
        null,
        2,
      ),
    );
  } else {
    for (const w of warnings) io.err(`warning: ${w}`);
    if (issues.length)
      io.err(
        `error: ${file} is not valid (${issues.length} problem${issues.length > 1 ? 's' : ''}):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
      );
    else io.out(`${file} is valid.`);
  }
  return issues.length ? 2 : 0;
}
