// Turns a stream's chunks into whole lines, so a prefix and secret masking always see complete lines. Linear in
// the output: each chunk is scanned once (the unfinished line is kept as parts, not re-joined and re-split on
// every chunk, which made a 40 MB line without a newline take 90 s). A line longer than `maxLine` characters is
// cut there and ends with a marker saying how much was left out; the rest of it is never held in memory.

/** The longest line kept whole (characters); the rest of a longer line is replaced by a marker. */
export const MAX_LINE = 64 * 1024;

/** The marker ending a cut line. */
export const cutMarker = (dropped: number) => ` [runnable: line cut, ${dropped} more characters left out]`;

export class LineSplitter {
  private parts: string[] = [];
  private kept = 0;
  private dropped = 0;
  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = MAX_LINE,
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      this.add(chunk.slice(start, nl));
      this.emit();
      start = nl + 1;
    }
    if (start < chunk.length) this.add(chunk.slice(start));
  }

  end(): void {
    if (this.kept || this.dropped) this.emit();
  }

  private add(text: string): void {
    const room = this.maxLine - this.kept;
    if (text.length <= room) {
      if (text) this.parts.push(text);
      this.kept += text.length;
      return;
    }
    if (room > 0) this.parts.push(text.slice(0, room));
    this.kept += Math.max(0, room);
    this.dropped += text.length - Math.max(0, room);
  }

  private emit(): void {
    let line = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (this.dropped) line += cutMarker(this.dropped);
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
    this.onLine(line);
  }
}
