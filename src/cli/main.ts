// The CLI: one function from arguments to an exit code. Every error a user can cause is printed as one paragraph
// with its exit code (errors.ts); anything else is a bug, printed with its stack so it can be reported.
import '../services/builtins.js';
import '../executors/builtins.js';
import '../tasks/builtins.js';
import { CancelledError, EXIT, InvalidInputError, RunnableError, formatIssue } from '../errors.js';
import { loadPlugins } from '../run/plugins.js';
import { didYouMean } from '../util/suggest.js';
import { CONFIG_FLAG } from './options.js';
import { EXECUTE_HELP, EXECUTE_USAGE, TRANSPILE_USAGE, executeCommand, parseExecuteArgs, transpileCommand } from './commands/execute.js';
import { SINGLE_NODE_USAGE, executeSingleNodeCommand } from './commands/execute-single-node.js';
import { RETRY_USAGE, retryCommand } from './commands/retry.js';
import { FAN_USAGE, fanCommand } from './commands/fan.js';
import { DOCTOR_USAGE, doctorCommand } from './commands/doctor.js';
import { VALIDATE_USAGE, validateCommand } from './commands/validate.js';
import {
  GRAPH_USAGE,
  LIST_USAGE,
  SHOW_USAGE,
  TIMELINE_USAGE,
  graphCommand,
  listCommand,
  showCommand,
  timelineCommand,
} from './commands/inspect.js';
import { processIO, type CliIO } from './io.js';

export const VERSION = '0.1.0';

interface Command {
  summary: string;
  usage: string;
  /** More of `runnable COMMAND --help`, after the usage line. */
  details?: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  execute: {
    summary: 'run a pipeline (or resume one: RUNNABLE_RETRY_RUN_ID)',
    usage: EXECUTE_USAGE,
    details: EXECUTE_HELP,
    run: (argv, io) => executeCommand(parseExecuteArgs(argv, io.env), io),
  },
  transpile: {
    summary: 'write what a whole-graph executor (argo, github) would run, and run nothing',
    usage: TRANSPILE_USAGE,
    run: transpileCommand,
  },
  validate: {
    summary: 'check a pipeline, its configuration and parameters without running anything',
    usage: VALIDATE_USAGE,
    run: validateCommand,
  },
  graph: { summary: 'draw a pipeline as Mermaid, Graphviz dot or JSON', usage: GRAPH_USAGE, run: graphCommand },
  show: { summary: "a run's steps, statuses, attempts, durations and parameters", usage: SHOW_USAGE, run: showCommand },
  timeline: { summary: 'a run as a self-contained HTML Gantt chart (and the console view)', usage: TIMELINE_USAGE, run: timelineCommand },
  list: { summary: 'the runs in the run-log store', usage: LIST_USAGE, run: listCommand },
  retry: {
    summary: 'resume a failed run: successful steps are skipped, failed ones run again',
    usage: RETRY_USAGE,
    run: retryCommand,
  },
  'execute-single-node': {
    summary: 'run one task or stub of an existing run (used by containers, the emulator and Argo pods)',
    usage: SINGLE_NODE_USAGE,
    run: executeSingleNodeCommand,
  },
  doctor: {
    summary: 'check that the configured executor can run here (argo: cluster, namespace, CRD, permissions, PVC)',
    usage: DOCTOR_USAGE,
    run: doctorCommand,
  },
  fan: {
    summary: 'open, close or continue a composite step of an existing run (used by Argo pods)',
    usage: FAN_USAGE,
    run: fanCommand,
  },
};

function help(): string {
  const lines = ['runnable: run runnable pipelines locally, in containers, or on Argo Workflows.', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(20)} ${c.summary}`);
  lines.push('', 'Run `runnable COMMAND --help` for the options of a command.');
  return lines.join('\n');
}

export function formatError(e: unknown): string {
  if (e instanceof InvalidInputError) {
    const n = e.issues.length;
    return `error: ${e.kind}${n > 1 ? ` (${n} problems)` : ''}:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`;
  }
  if (e instanceof RunnableError) return `error: ${e.kind}: ${e.message}`;
  return `internal error (a bug in runnable; please report it with this text):\n${(e as Error)?.stack ?? String(e)}`;
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT.success : EXIT.invalidInput;
  }
  if (name === '--version' || name === '-V') {
    io.out(VERSION);
    return EXIT.success;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(
      formatError(
        new InvalidInputError('invalid arguments', [
          {
            message: `"${name}" is not a runnable command.${didYouMean(name, Object.keys(COMMANDS))}`,
            fix: `use one of ${Object.keys(COMMANDS).join(', ')}.`,
          },
        ]),
      ),
    );
    return EXIT.invalidInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${cmd.usage}${cmd.details ? `\n\n${cmd.details}` : ''}`);
    return EXIT.success;
  }
  try {
    // plugins named by the configuration register before any command reads it
    await loadPlugins(configFlag(rest), io.env, io.cwd);
    return await cmd.run(rest, io);
  } catch (e) {
    io.err(formatError(e));
    if (e instanceof CancelledError) return e.exitCode;
    return e instanceof RunnableError ? e.exitCode : EXIT.runFailed;
  }
}

/** The value of -c/--config/--config-file among a command's arguments (the command parses them properly later). */
function configFlag(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (CONFIG_FLAG.spellings.includes(a)) return args[i + 1];
    const eq = CONFIG_FLAG.spellings.find((s) => a.startsWith(`${s}=`));
    if (eq) return a.slice(eq.length + 1);
  }
  return undefined;
}
