/**
 * Which units under a Sở have sent their report for a period (or their plan
 * for a year), and when each was due by its own settings: the list
 * /baocaodonvi shows and the Sở's own report states.
 */
import { planDeadline, sendingDeadline, type UpKind } from "../domain/report-period.ts";
import { readSettings } from "../domain/settings.ts";
import { localTime } from "../domain/workdays.ts";
import type { Db } from "../store/db/db.ts";
import { settingsOfUnits } from "../store/settings/settings.ts";
import { sentReports, type SentReport } from "../store/province/unit-reports.ts";

export type ReceivedState = "onTime" | "late" | "missing" | "waiting";

export interface Received {
  unit: { id: number; name: string };
  sent: SentReport | undefined;
  /** The local day it was sent. */
  sentDay: string | null;
  /** When the unit's own settings want its report for the period. */
  due: string;
  state: ReceivedState;
}

/** The units, by name, with what each sent for the period and by when it was due. */
export async function receivedReports(
  db: Db,
  q: {
    window: { kind: UpKind; year: number };
    below: readonly { id: number; name: string }[];
    today: string;
    tz: string;
    /** For plans: when the Sở wants them (its planDue setting, planDeadlineAt); 15/12 when not given. */
    planDeadline?: string;
  },
): Promise<Received[]> {
  const ids = q.below.map((u) => u.id);
  const [sent, settings] = await Promise.all([
    sentReports(db, { unitIds: ids, kind: q.window.kind, year: q.window.year }),
    settingsOfUnits(db, ids),
  ]);
  return [...q.below]
    .sort((a, b) => a.name.localeCompare(b.name, "vi"))
    .map((unit) => {
      const s = sent.get(unit.id);
      const { kind, year } = q.window;
      const due =
        kind === "plan"
          ? (q.planDeadline ?? planDeadline(year))
          : sendingDeadline(kind, year, readSettings(settings.get(unit.id) ?? {}).reports);
      const sentDay = s ? localTime(s.sentAt, q.tz).day : null;
      const state: ReceivedState =
        sentDay === null ? (q.today > due ? "missing" : "waiting") : sentDay > due ? "late" : "onTime";
      return { unit, sent: s, sentDay, due, state };
    });
}
