/** A task's row of a report's annex, as mammoth's raw text gives a table: each cell after the code, blank ones kept. */
export function annexRow(text: string, ref: string): string[] {
  const cells = text.slice(text.indexOf("PHỤ LỤC")).split("\n\n");
  const at = cells.indexOf(ref);
  return at < 0 ? [] : cells.slice(at + 1, at + 6);
}
