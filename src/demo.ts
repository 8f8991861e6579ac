/**
 * A brand-new database gets the Yên Bái example, so `npm install && npm start`
 * shows a working plan at once. Never touches a database that has anything.
 */
import path from "node:path";
import type { App } from "./app.ts";
import { importIndicatorFile, importPlanFile, importRosterFile } from "./import/imports.ts";
import { PROJECT_ROOT } from "./store/db/migrate.ts";
import { saveSetting } from "./store/settings/settings.ts";
import { isEmpty } from "./store/plan/overview.ts";

const EXAMPLES = path.join(PROJECT_ROOT, "examples");
const DEMO_DOCUMENT = {
  unitDisplayName: "Trung tâm Y tế khu vực Yên Bái",
  superiorBody: "Sở Y tế tỉnh Lào Cai",
  place: "Yên Bái",
  leaderName: "Trần Quang Mạnh",
};

export async function seedDemoIfEmpty(app: App): Promise<boolean> {
  if (!app.config.seedDemo) return false;
  if (!(await isEmpty(app.db))) return false;
  const unitName = app.config.unitName;
  await importRosterFile(app.db, {
    file: path.join(EXAMPLES, "yen-bai-2026-staff.csv"),
    unitName,
    now: app.clock.now(),
  });
  await importPlanFile(app.db, {
    file: path.join(EXAMPLES, "yen-bai-2026-plan.csv"),
    unitName,
    year: app.config.planYear,
    now: app.clock.now(),
    defaultTitle: app.t("plan.defaultTitle", { year: app.config.planYear }),
  });
  await importIndicatorFile(app.db, {
    file: path.join(EXAMPLES, "yen-bai-2026-indicators.csv"),
    unitName,
    year: app.config.planYear,
  });
  // What the example's own plan says of its unit, so the demo's report file reads as the real one would.
  for (const [key, value] of Object.entries(DEMO_DOCUMENT)) await saveSetting(app.db, unitName, key, value);
  return true;
}
