/** Plain text tables for a terminal: the admin reads them over SSH as often as not. */
import { clip } from "../domain/text.ts";

export { displayDate } from "../domain/calendar.ts";

export function textTable(headers: string[], rows: string[][], maxWidths: number[] = []): string {
  const cells = [headers, ...rows].map((r) =>
    r.map((s, i) => (maxWidths[i] ? clip(s, maxWidths[i]!) : s.replace(/\s+/g, " "))),
  );
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + " ".repeat(widths[i]! - [...c].length))
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
