// A node-by-node executor plugin: the engine walks the graph and hands this executor every task and stub; it runs
// each one with the engine's own leaf body (host.runLeaf) and appends how long it took to a report file.
// Configuration:
//   pipeline-executor:
//     type: step-timer
//     config:
//       report: timings.tsv
import fs from 'node:fs';

/** @typedef {import('runnable').NodeExecutor} NodeExecutor */
/** @typedef {import('runnable').PluginHost} PluginHost */

/** @implements {NodeExecutor} */
class StepTimer {
  type = 'step-timer';
  maxConcurrency = 1;

  /** @param {{report: string}} config @param {PluginHost} host */
  constructor(config, host) {
    this.report = config.report;
    this.host = host;
  }

  /** Called once before the run log is created: throw to refuse the run. */
  async prepare() {
    fs.writeFileSync(this.report, 'step\tstatus\tmilliseconds\n');
  }

  /** @type {NodeExecutor['executeLeaf']} */
  async executeLeaf(run, node, scope, step) {
    const started = Date.now();
    await this.host.runLeaf(run, node, scope, step);
    fs.appendFileSync(this.report, `${step.internal_name}\t${step.attempts.at(-1)?.status ?? ''}\t${Date.now() - started}\n`);
  }
}

/**
 * The plugin: `create` gets the `config:` mapping and the engine's functions. A plugin may also export
 * `schema` (a zod 4 schema) to have its `config:` checked, with located errors, before anything runs.
 */
export default {
  /** @param {Record<string, unknown>} config @param {PluginHost} host */
  create(config, host) {
    const report = typeof config.report === 'string' ? config.report : 'step-timings.tsv';
    return new StepTimer({ report }, host);
  },
};
