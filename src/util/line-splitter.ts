// Turns a stream's chunks into whole lines, so a prefix and secret masking always see complete lines.
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const l of lines) this.onLine(l.endsWith('\r') ? l.slice(0, -1) : l);
  }

  end(): void {
    if (this.rest) this.onLine(this.rest);
    this.rest = '';
  }
}
