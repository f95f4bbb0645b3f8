/** `12.3 KiB` */
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/** A ratio with two decimals and an `x`, e.g. `0.08x`. */
export const ratio = (value: number, baseline: number) =>
  baseline > 0 ? `${(value / baseline).toFixed(2)}x` : 'n/a'

/** A markdown table from a header row and body rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
