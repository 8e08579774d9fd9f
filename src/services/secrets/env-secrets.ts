// runnable's default: secrets are environment variables of the runnable process.
import { SecretNotFoundError, type SecretsStore } from './secrets.js';

export class EnvSecrets implements SecretsStore {
  readonly type = 'env-secrets';
  readonly fromEnvironment = true;
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}
  get(name: string): string {
    const v = this.env[name];
    if (v === undefined) throw new SecretNotFoundError(name, 'the environment (env-secrets): export it before running');
    return v;
  }
}
