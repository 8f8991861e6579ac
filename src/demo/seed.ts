/**
 * A brand-new database gets the Yên Bái example, in the middle of its year,
 * so `npm install && npm start` shows a unit living its plan at once. Never
 * touches a database that has anything, nor one whose demo was removed
 * (`cchc demo remove`).
 */
import path from "node:path";
import type { App } from "../app.ts";
import { dayOf } from "../domain/calendar.ts";
import type { Translate } from "../i18n.ts";
import { importCriteriaFile, importIndicatorFile, importPlanFile, importRosterFile } from "../import/imports.ts";
import type { Db } from "../store/db/db.ts";
import { PROJECT_ROOT } from "../store/db/migrate.ts";
import { saveSetting } from "../store/settings/settings.ts";
import { isEmpty } from "../store/plan/overview.ts";
import { demoState, markDemo } from "../store/plan/demo.ts";
import { DEMO_DOCUMENT } from "../store/plan/demo-document.ts";
import { seedDemoHistory, type DemoHistory } from "../store/plan/demo-history.ts";

const EXAMPLES = path.join(PROJECT_ROOT, "examples");

export async function seedDemoIfEmpty(app: App): Promise<boolean> {
  if (!app.config.seedDemo || (await demoState(app.db)) === "removed" || !(await isEmpty(app.db))) return false;
  await seedDemo(app.db, app.t, {
    unitName: app.config.unitName,
    year: app.config.planYear,
    now: app.clock.now(),
    tz: app.config.tz,
  });
  return true;
}

/** The example's roster, plan and indicators, what its plan says of its unit, and its year so far. */
export async function seedDemo(
  db: Db,
  t: Translate,
  q: { unitName: string; year: number; now: Date; tz: string },
): Promise<DemoHistory> {
  const { unitName, year, now } = q;
  await importRosterFile(db, { file: path.join(EXAMPLES, "yen-bai-2026-staff.csv"), unitName, now });
  await importPlanFile(db, {
    file: path.join(EXAMPLES, "yen-bai-2026-plan.csv"),
    unitName,
    year,
    now,
    defaultTitle: t("plan.defaultTitle", { year }),
  });
  await importIndicatorFile(db, { file: path.join(EXAMPLES, "yen-bai-2026-indicators.csv"), unitName, year });
  // The PAR index criteria the unit scores itself by at the year's close (/chamdiem).
  await importCriteriaFile(db, {
    file: path.join(EXAMPLES, "chi-so-cchc-2026-tieu-chi.csv"),
    unitName,
    year,
    now,
    defaultTitle: t("criteria.defaultTitle", { year }),
  });
  // What the example's own plan says of its unit, so the demo's report file reads as the real one would.
  for (const [key, value] of Object.entries(DEMO_DOCUMENT)) await saveSetting(db, unitName, key, value);
  const texts = {
    blockedFunds: t("demo.blockedFunds"),
    blockedGuidance: t("demo.blockedGuidance"),
    notice: t("demo.notice"),
  };
  const history = await seedDemoHistory(db, texts, {
    unitName,
    year,
    today: dayOf(now, q.tz),
    tz: q.tz,
    abbrev: "TTYT",
  });
  await markDemo(db, unitName);
  return history;
}
