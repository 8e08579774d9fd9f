// Markdown pieces of the job summary (summary.ts, argo-summary.ts): text made safe for a table cell, and table rows
// cut to a byte budget with a closing row saying how many were left out (GitHub refuses a summary over 1 MiB).

/** Text safe in a table cell or a line of Markdown: no HTML, no pipes, no line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

/**
 * As many of `rows` as fit when `used` bytes are spent of `budget`, then `more(left)` for the rest. Returns the
 * lines, the bytes spent (the closing row not counted) and whether rows were left out.
 */
export function rowsWithin(
  rows: string[],
  budget: number,
  used: number,
  more: (left: number) => string,
): { lines: string[]; used: number; cut: boolean } {
  const lines: string[] = [];
  for (const [i, row] of rows.entries()) {
    const size = Buffer.byteLength(row, 'utf8') + 1;
    if (used + size > budget) {
      lines.push(more(rows.length - i));
      return { lines, used, cut: true };
    }
    lines.push(row);
    used += size;
  }
  return { lines, used, cut: false };
}
