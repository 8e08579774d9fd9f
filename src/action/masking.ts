// Every secret value the run reads is registered with the runner (`::add-mask::`) before anything can print it.
// Two ways in, neither touching the engine: the secrets the pipeline declares are read and masked before the
// run starts, and the secrets store handed to the engine is wrapped so that any other value it hands out (a
// mocked executor's patched `secrets`, say) is masked before the task that asked for it starts. The engine
// masks its own output with *** as well; this makes the runner mask them too, in anything printed.
import * as core from '@actions/core';
import type { Graph } from '../pipeline/model.js';
import { declaredSecrets } from '../pipeline/walk.js';
import type { SecretMasker } from '../services/secrets/masker.js';
import type { SecretsStore } from '../services/secrets/secrets.js';
import type { ActionLog } from './log.js';

export class SecretRegistry {
  private readonly seen = new Set<string>();

  constructor(
    private readonly log: ActionLog,
    /** The action's own masker: the log and the job summary go through it. */
    private readonly masker: SecretMasker,
  ) {}

  register(value: string): void {
    if (!value.trim() || this.seen.has(value)) return;
    this.seen.add(value);
    // Output is read line by line: a multi-line value (a PEM key) is masked line by line too.
    const lines = value
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && l !== value);
    this.log.command(() => {
      for (const v of [value, ...lines]) core.setSecret(v);
    });
    this.masker.add(value);
  }

  /** The store the engine gets: each value it hands out is masked first. */
  wrap(store: SecretsStore): SecretsStore {
    const register = (v: string) => this.register(v);
    return {
      type: store.type,
      mountFile: store.mountFile,
      get(name: string): string {
        const value = store.get(name);
        register(value);
        return value;
      },
    };
  }

  /** Reads and masks every secret a task of the graph declares; missing ones are left to fail their step. */
  registerDeclared(graph: Graph, store: SecretsStore): void {
    for (const name of declaredSecrets(graph)) {
      try {
        this.register(store.get(name));
      } catch {
        // SecretNotFoundError: the step that needs it fails with the message
      }
    }
  }
}
