// Where the CLI writes, so commands can be run and tested without a terminal.
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  color: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
}

export function processIO(signal?: AbortSignal): CliIO {
  return {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
    env: process.env,
    cwd: process.cwd(),
    signal,
  };
}
