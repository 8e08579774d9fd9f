// What a secrets store provides (runnable §5): a value by name, or SecretNotFoundError.
import type { HostPath } from '../host-paths.js';

export interface SecretsStore {
  readonly type: string;
  get(name: string): string;
  /** The file the secrets are read from (dotenv). */
  readonly mountFile?: string;
  /** The configuration keys that name host paths (a dotenv file's location), for executors that run steps elsewhere. */
  hostPaths?(): HostPath[];
}

export class SecretNotFoundError extends Error {
  constructor(name: string, where: string) {
    super(`the secret "${name}" is not in ${where}`);
    this.name = 'SecretNotFoundError';
  }
}
