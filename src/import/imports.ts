/**
 * The three imports as use cases: read the file, check every row, then write
 * in one transaction. A file with any error writes nothing.
 */
import path from "node:path";
import { readHolidayTable } from "../domain/tables/holidays.ts";
import { readIndicatorTable, type IndicatorDraft } from "../domain/tables/indicators.ts";
import { planWarnings, readPlanTable, type PlanDraft } from "../domain/tables/plan.ts";
import { readRosterTable, type RosterDraft } from "../domain/tables/roster.ts";
import { readUnitTable } from "../domain/tables/units.ts";
import type { TableResult } from "../domain/tables/sheet.ts";
import { UserError } from "../errors.ts";
import type { Db } from "../store/db/db.ts";
import { saveIndicators, type SaveIndicatorsResult } from "../store/indicators/indicators.ts";
import { savePlan, type SavePlanResult } from "../store/plan/plans.ts";
import { saveRoster, type SaveRosterResult } from "../store/people/staff.ts";
import { saveUnits } from "../store/province/units.ts";
import { readTableFile } from "./read-table.ts";
import { readCriteriaTable, type CriteriaDraft } from "../domain/tables/criteria.ts";
import { saveCriteriaSet, type SaveCriteriaResult } from "../store/evaluation/criteria.ts";

function unwrap<T>(result: TableResult<T>): T {
  if (!result.ok) throw new UserError(result.errors);
  return result.value;
}

export async function readPlanFile(file: string, planYear: number): Promise<PlanDraft> {
  const sheets = await readTableFile(file);
  return unwrap(readPlanTable(sheets, { file: path.basename(file), planYear }));
}

export async function importPlanFile(
  db: Db,
  /** defaultTitle: what to call a plan whose file has no title above its table ("Kế hoạch CCHC năm 2026"). */
  input: { file: string; year: number; unitName: string; now: Date; defaultTitle?: string },
): Promise<SavePlanResult & { title: string; draft: PlanDraft }> {
  const draft = await readPlanFile(input.file, input.year);
  const title = draft.title ?? input.defaultTitle ?? path.basename(input.file, path.extname(input.file));
  const saved = await savePlan(db, {
    unitName: input.unitName,
    year: input.year,
    title,
    sourceFile: path.basename(input.file),
    draft,
    now: input.now,
  });
  return { ...saved, title, draft, warnings: [...planWarnings(draft), ...saved.warnings] };
}

export async function readRosterFile(file: string): Promise<RosterDraft> {
  return unwrap(readRosterTable(await readTableFile(file), { file: path.basename(file) }));
}

export async function importRosterFile(
  db: Db,
  input: { file: string; unitName: string; now: Date },
): Promise<SaveRosterResult> {
  return saveRoster(db, { unitName: input.unitName, roster: await readRosterFile(input.file), now: input.now });
}

export async function readIndicatorFile(file: string): Promise<IndicatorDraft[]> {
  return unwrap(readIndicatorTable(await readTableFile(file), { file: path.basename(file) }));
}

export async function importIndicatorFile(
  db: Db,
  input: { file: string; unitName: string; year: number },
): Promise<SaveIndicatorsResult> {
  return saveIndicators(db, {
    unitName: input.unitName,
    year: input.year,
    indicators: await readIndicatorFile(input.file),
  });
}

export async function importUnitFile(db: Db, input: { file: string }): Promise<{ created: number; moved: number }> {
  const file = path.basename(input.file);
  return saveUnits(db, { file, units: unwrap(readUnitTable(await readTableFile(input.file), { file })) });
}

export async function readHolidayFile(file: string, year: number): Promise<{ date: string; name: string }[]> {
  return unwrap(readHolidayTable(await readTableFile(file), { file: path.basename(file), year }));
}

export async function readCriteriaFile(file: string): Promise<CriteriaDraft> {
  return unwrap(readCriteriaTable(await readTableFile(file), { file: path.basename(file) }));
}

/** A criteria set (bộ tiêu chí Chỉ số CCHC) from a file, as the body's set for the year. */
export async function importCriteriaFile(
  db: Db,
  input: { file: string; unitName: string; year: number; now: Date; defaultTitle: string },
): Promise<SaveCriteriaResult & { draft: CriteriaDraft }> {
  const draft = await readCriteriaFile(input.file);
  const saved = await saveCriteriaSet(db, {
    unitName: input.unitName,
    year: input.year,
    title: draft.title ?? input.defaultTitle,
    sourceFile: path.basename(input.file),
    draft,
    now: input.now,
  });
  return { ...saved, draft };
}
