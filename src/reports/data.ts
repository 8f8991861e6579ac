import { documentSettings, type DocumentSettings } from "../domain/settings.ts";
import { evidenceLabel } from "../domain/evidence.ts";
import { departmentLines } from "../domain/report.ts";
import { reportWindow, type ReportKind, type ReportWindow } from "../domain/report-period.ts";
import { at, addCalendarDays } from "../domain/workdays.ts";
import type { Db } from "../store/db/db.ts";
import { listIndicators } from "../store/indicators/indicators.ts";
import { reportRows } from "../store/reports/report.ts";
import { currentEvidenceOf, type EvidenceItem } from "../store/evidence/evidence.ts";
import { loadSettingsRows } from "../store/settings/settings.ts";
import { parentName, unitDisplayName } from "../store/province/units.ts";
import { unrequestedTasks } from "../store/deadlines/deadlines.ts";
import { hasPlanFor } from "../store/plan/years.ts";
import type { ReportData } from "./export.ts";

/** The period after this one, for "nhiệm vụ trọng tâm kỳ tới". */
function nextWindow(w: ReportWindow): ReportWindow {
  const next: Record<ReportKind, [ReportKind, number]> = {
    q1: ["q2", 0],
    q2: ["q3", 0],
    h1: ["q3", 0],
    q3: ["q4", 0],
    "9m": ["q4", 0],
    q4: ["q1", 1],
    year: ["q1", 1],
  };
  const [kind, plus] = next[w.kind];
  return reportWindow(kind, w.year + plus);
}

/** Each assignment's evidence as the report prints it: "Kế hoạch 12/KH-TTYT (15/01/2026); ke-hoach.pdf". */
function evidenceTexts(items: readonly EvidenceItem[]): Map<number, string> {
  const out = new Map<number, string[]>();
  for (const e of items) {
    const text = evidenceLabel(e);
    if (text) out.set(e.assignmentId, [...(out.get(e.assignmentId) ?? []), text]);
  }
  return new Map([...out].map(([id, list]) => [id, list.join("; ")]));
}

/** Everything a report file needs for one period, counted as the chat counts it. */
export async function loadReportData(
  db: Db,
  q: { unitName: string; window: ReportWindow; today: string; tz: string },
): Promise<ReportData> {
  const next = nextWindow(q.window);
  // Indicator values count when entered within the Decree 09 data period.
  const enteredBefore = at(addCalendarDays(q.window.to, 1), "00:00", q.tz);
  const [rows, nextRows, indicators, stored, unitName, onDemand, parent] = await Promise.all([
    reportRows(db, q),
    reportRows(db, { ...q, window: next }),
    listIndicators(db, { unitName: q.unitName, year: q.window.year, enteredBefore }),
    loadSettingsRows(db, q.unitName),
    unitDisplayName(db, q.unitName),
    unrequestedTasks(db, q.unitName, q.window.year),
    parentName(db, q.unitName),
  ]);
  const doc = documentSettings(stored, { name: unitName, parentName: parent });
  const nextPlanMissing =
    next.year !== q.window.year && !(await hasPlanFor(db, q.unitName, next.year)) ? next.year : undefined;
  return {
    evidence: evidenceTexts(
      await currentEvidenceOf(
        db,
        rows.map((r) => r.assignmentId),
      ),
    ),
    unitName,
    window: q.window,
    today: q.today,
    lines: departmentLines(rows, q.window, q.today),
    rows,
    next: nextRows.filter((r) => r.dueDate >= next.dueFrom),
    indicators,
    doc,
    onDemandWaiting: onDemand.map(({ ref, content }) => ({ ref, content })),
    ...(nextPlanMissing ? { nextPlanMissing } : {}),
  };
}

/** The unit's name as printed and what its documents say of it (Decree 30 heading, addressees, signer). */
export async function loadDocument(db: Db, unitName: string): Promise<{ unitName: string; doc: DocumentSettings }> {
  const [stored, shown, parent] = await Promise.all([
    loadSettingsRows(db, unitName),
    unitDisplayName(db, unitName),
    parentName(db, unitName),
  ]);
  return { unitName: shown, doc: documentSettings(stored, { name: shown, parentName: parent }) };
}
