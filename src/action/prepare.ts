// The assembly of a run is the CLI's (src/cli/commands/execute.ts): the action adds its own listener, secrets
// wrapper and abort signal to the request it returns.
export { prepareExecution, type PreparedRun } from '../cli/commands/execute.js';
