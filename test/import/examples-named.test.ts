/**
 * The example plan (made from a real one, ../shared/sample-plans) in every
 * format a unit sends it in: no task is left without a lead or a due-date
 * rule unless a warning names it, as `cchc plan import --dry-run` shows them.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planWarnings } from "../../src/domain/tables/plan.ts";
import { readPlanFile } from "../../src/import/imports.ts";

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");

describe.each(["csv", "xlsx", "docx", "pdf"])("the example plan as .%s", (ext) => {
  it("every task has a lead and a due-date rule, or a warning that names it", async () => {
    const draft = await readPlanFile(path.join(EXAMPLES, `yen-bai-2026-plan.${ext}`), 2026);
    expect(draft.tasks.length).toBe(38);
    const warned = planWarnings(draft);
    const named = (key: string, ref: string) => warned.some((w) => w.key === key && w.params?.code === ref);
    const unsaid = draft.tasks.flatMap((t) => {
      const rule = t.parsed.occurrences.length > 0 || t.parsed.onDemand || t.parsed.recurring !== "none";
      return [
        ...(t.lead || named("plan.noLead", t.ref) ? [] : [`${t.ref}: no lead`]),
        ...(rule || named("plan.noTimeframe", t.ref) || t.parsed.warnings.length ? [] : [`${t.ref}: never due`]),
      ];
    });
    expect(unsaid).toEqual([]);
  });
});
