// Replaces secret values with *** in everything we print or write (console, execution logs, run log messages).
export class SecretMasker {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  add(value: string): void {
    // Output is masked a line at a time, so a multi-line secret (a PEM key) is also masked line by line.
    const lines = value.split(/\r?\n/).map((l) => l.trim());
    const added = [value, ...(lines.length > 1 ? lines : [])].filter((v) => {
      // very short values would mask ordinary text everywhere; GitHub does not mask them either
      if (v.length < 3 || this.values.has(v)) return false;
      this.values.add(v);
      return true;
    });
    if (!added.length) return;
    const alternatives = [...this.values].sort((a, b) => b.length - a.length).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = new RegExp(alternatives.join('|'), 'g');
  }

  mask(text: string): string {
    return this.pattern ? text.replace(this.pattern, '***') : text;
  }

  get size(): number {
    return this.values.size;
  }
}
