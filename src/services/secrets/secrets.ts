// What a secrets store provides (runnable §5): a value by name, or SecretNotFoundError.
export interface SecretsStore {
  readonly type: string;
  get(name: string): string;
  /** Files to mount into containers (dotenv), host path -> container path. */
  readonly mountFile?: string;
}

export class SecretNotFoundError extends Error {
  constructor(name: string, where: string) {
    super(`the secret "${name}" is not in ${where}`);
    this.name = 'SecretNotFoundError';
  }
}
