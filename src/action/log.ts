// Everything the action prints goes through here, so that nothing a pipeline controls can act as a workflow
// command. Text (task output, step names, messages, our own status lines) is written with workflow commands
// stopped (`::stop-commands::<random token>`); before the action issues a command of its own (a group, a mask,
// an annotation, an output) commands are switched back on with `::<token>::`, and off again with a new token at
// the next line of text. Every line is masked with the secrets the run has read.
import crypto from 'node:crypto';
import os from 'node:os';
import type { SecretMasker } from '../services/secrets/masker.js';

export class ActionLog {
  private token: string | undefined;

  constructor(
    private readonly masker: SecretMasker,
    // process.stdout, as @actions/core writes its commands there: one stream keeps them in order.
    private readonly write: (text: string) => void = (text) => void process.stdout.write(text),
  ) {}

  /** Lines that must never be read as workflow commands. */
  text(text: string): void {
    if (this.token === undefined) {
      this.token = crypto.randomBytes(16).toString('hex');
      this.write(`::stop-commands::${this.token}${os.EOL}`);
    }
    // the runner reads commands line by line: a carriage return must not start a new one either
    for (const line of this.masker.mask(text).split(/\r\n|\r|\n/)) this.write(`${line}${os.EOL}`);
  }

  /** Runs `issue`, which writes the action's own workflow commands, with commands switched on. */
  command<T>(issue: () => T): T {
    this.resume();
    return issue();
  }

  /**
   * Runs `issue`, which uses a file command (core.setOutput, core.saveState) when `fileVariable` is set and a
   * workflow command on stdout otherwise: commands are switched on only when needed.
   */
  fileCommand<T>(fileVariable: string, issue: () => T): T {
    return process.env[fileVariable] ? issue() : this.command(issue);
  }

  /** Workflow commands on again; call before the process ends. */
  resume(): void {
    if (this.token === undefined) return;
    this.write(`::${this.token}::${os.EOL}`);
    this.token = undefined;
  }
}
