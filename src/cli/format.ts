/** Plain text tables for a terminal: the admin reads them over SSH as often as not. */
export function textTable(headers: string[], rows: string[][], maxWidths: number[] = []): string {
  const clip = (s: string, i: number) => {
    const one = s.replace(/\s+/g, " ");
    const max = maxWidths[i];
    return max && [...one].length > max ? `${[...one].slice(0, max - 1).join("")}…` : one;
  };
  const cells = [headers, ...rows].map((r) => r.map(clip));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) => r.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join("  ").trimEnd();
  return [line(cells[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** "2026-03-31" → "31/03/2026", as dates are written in Vietnam. */
export function displayDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}
