// Every secret is the empty string: for dry runs where no secret is at hand.
import type { SecretsStore } from './secrets.js';

export class DoNothingSecrets implements SecretsStore {
  readonly type = 'do-nothing';
  get(): string {
    return '';
  }
}
