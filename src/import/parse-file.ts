/**
 * A table file a person sent, read and recognised: a plan, a staff list, a
 * holiday list or a PAR index criteria set. Pure of the database, so it can run on a worker thread.
 */
import { looksLikeCriteria, readCriteriaTable, type CriteriaDraft } from "../domain/tables/criteria.ts";
import { readHolidayTable } from "../domain/tables/holidays.ts";
import { looksLikePlan, readPlanTable, type PlanDraft } from "../domain/tables/plan.ts";
import { looksLikeRoster, readRosterTable, type RosterDraft } from "../domain/tables/roster.ts";
import type { ImportIssue } from "../domain/tables/sheet.ts";
import { UserError } from "../errors.ts";
import { readTableBuffer } from "./read-table.ts";

export type ParsedFile =
  | { ok: true; kind: "plan"; draft: PlanDraft }
  | { ok: true; kind: "staff"; roster: RosterDraft }
  | { ok: true; kind: "holidays"; holidays: { date: string; name: string }[] }
  | { ok: true; kind: "criteria"; criteria: CriteriaDraft }
  | { ok: false; issues: ImportIssue[] };

export async function parseTableFile(input: { name: string; data: Uint8Array; year: number }): Promise<ParsedFile> {
  try {
    const sheets = await readTableBuffer(input.name, Buffer.from(input.data));
    // A staff list has no timeframe column; a plan has no phone column.
    if (looksLikeRoster(sheets) && !looksLikePlan(sheets)) {
      const r = readRosterTable(sheets, { file: input.name });
      return r.ok ? { ok: true, kind: "staff", roster: r.value } : { ok: false, issues: r.errors };
    }
    // A criteria set has its maximum points where a plan has its timeframe.
    if (looksLikeCriteria(sheets) && !looksLikePlan(sheets)) {
      const r = readCriteriaTable(sheets, { file: input.name });
      return r.ok ? { ok: true, kind: "criteria", criteria: r.value } : { ok: false, issues: r.errors };
    }
    const plan = readPlanTable(sheets, { file: input.name, planYear: input.year });
    if (plan.ok) return { ok: true, kind: "plan", draft: plan.value };
    const holidays = readHolidayTable(sheets, { file: input.name, year: input.year });
    if (holidays.ok) return { ok: true, kind: "holidays", holidays: holidays.value };
    return { ok: false, issues: [{ key: "import.unknownTable", params: { file: input.name } }] };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, issues: [...e.issues] };
    throw e;
  }
}
