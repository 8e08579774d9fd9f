// Replaces secret values with *** in everything we print or write (console, execution logs, run log messages and
// parameters), and says which secrets a text holds (a parameter that carries one: engine/secret-parameters.ts).
export class SecretMasker {
  /** Masked value (a whole secret or one line of a multi-line one) -> the names of the secrets it belongs to. */
  private readonly values = new Map<string, Set<string>>();
  private pattern: RegExp | undefined;

  add(value: string, name = ''): void {
    // Output is masked a line at a time, so a multi-line secret (a PEM key) is also masked line by line.
    const lines = value.split(/\r?\n/).map((l) => l.trim());
    let added = false;
    for (const v of [value, ...(lines.length > 1 ? lines : [])]) {
      // very short values would mask ordinary text everywhere; GitHub does not mask them either
      if (v.length < 3) continue;
      const names = this.values.get(v);
      if (names) {
        if (name) names.add(name);
        continue;
      }
      this.values.set(v, new Set(name ? [name] : []));
      added = true;
    }
    if (!added) return;
    const alternatives = [...this.values.keys()].sort((a, b) => b.length - a.length).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = new RegExp(alternatives.join('|'), 'g');
  }

  mask(text: string): string {
    return this.pattern ? text.replace(this.pattern, '***') : text;
  }

  /** The names of the secrets whose value `text` contains (empty when none does). */
  secretsIn(text: string): string[] {
    if (!this.pattern) return [];
    const names = new Set<string>();
    for (const m of text.matchAll(this.pattern)) for (const n of this.values.get(m[0]) ?? []) names.add(n);
    return [...names].sort();
  }

  get size(): number {
    return this.values.size;
  }
}
