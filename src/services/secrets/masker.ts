// Replaces secret values with *** in everything we print or write (console, execution logs, run log messages).
export class SecretMasker {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  add(value: string): void {
    // very short values would mask ordinary text everywhere; GitHub does not mask them either
    if (value.length < 3 || this.values.has(value)) return;
    this.values.add(value);
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
