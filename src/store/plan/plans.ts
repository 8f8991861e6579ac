/**
 * Writes an imported plan. A re-import of the same year updates it in place:
 * tasks are matched by their ref ("B.II.3"), occurrences by due date, and
 * nothing with history is deleted; what the new file no longer has is marked
 * removed instead.
 */
import { unitNameInTitle, type PlanDraft, type TaskDraft } from "../../domain/tables/plan.ts";
import type { ImportIssue } from "../../domain/tables/sheet.ts";
import type { Recurrence } from "../../domain/timeframe.ts";
import { matchDepartments } from "../../domain/departments.ts";
import { sameMeasure, type PlanTarget } from "../../domain/targets.ts";
import { LONG_TRANSACTION, type Db, type Tx } from "../db/db.ts";
import { relinkTasks, syncAssignments, syncUnitAssignments } from "./links.ts";
import { unitsNamed } from "../../domain/units.ts";
import { insertRows, updateRows } from "../db/sql.ts";
import { ensureUnitId, findUnitId } from "../province/units.ts";
import { planKey } from "./years.ts";
import { keepAsReal } from "./demo.ts";

export interface SavePlanInput {
  unitName: string;
  year: number;
  title: string;
  sourceFile: string;
  draft: PlanDraft;
  now: Date;
}

export interface SavePlanResult {
  planId: number;
  tasks: number;
  created: number;
  updated: number;
  removed: number;
  occurrences: number;
  assignments: number;
  /** Indicators added from the plan's objectives (those whose code the unit had not got). */
  targets: number;
  warnings: ImportIssue[];
}

const RECURRENCE: Record<Recurrence, "NONE" | "MONTHLY" | "QUARTERLY"> = {
  none: "NONE",
  monthly: "MONTHLY",
  quarterly: "QUARTERLY",
};

function taskFields(t: TaskDraft, planId: number, areaId: number | null) {
  return {
    planId,
    areaId,
    ref: t.ref,
    code: t.code,
    content: t.content,
    product: t.product || null,
    leadText: t.lead || null,
    coordinatingText: t.coordinating || null,
    timeframe: t.timeframe || null,
    recurrence: RECURRENCE[t.parsed.recurring],
    onDemand: t.parsed.onDemand,
    notes: t.notes || null,
    position: t.position,
  };
}

type TaskFields = ReturnType<typeof taskFields>;

function changed(existing: Record<string, unknown>, next: TaskFields): boolean {
  return (Object.keys(next) as (keyof TaskFields)[]).some((k) => existing[k] !== next[k]);
}

/**
 * Rows keyed by their code, with those stored under a code an earlier version
 * gave ("1.1.1" for "1.1") moved to the code the draft gives them now, so a
 * re-import finds them and their history stays.
 */
function byCurrentCode<T>(
  rows: T[],
  key: (row: T) => string,
  drafts: { code: string; legacy: string }[],
): Map<string, T> {
  const map = new Map(rows.map((r) => [key(r), r]));
  const wanted = new Set(drafts.map((d) => d.code));
  for (const d of drafts) {
    const old = map.get(d.legacy);
    if (d.legacy !== d.code && old && !map.has(d.code) && !wanted.has(d.legacy)) {
      map.delete(d.legacy);
      map.set(d.code, old);
    }
  }
  return map;
}

async function saveAreas(tx: Tx, planId: number, draft: PlanDraft): Promise<Map<string, number>> {
  const existing = byCurrentCode(
    await tx.area.findMany({ where: { planId } }),
    (a) => a.path,
    draft.areas.map((a) => ({ code: a.path, legacy: a.legacyPath })),
  );
  const ids = new Map<string, number>();
  // Drafts list parents before children.
  for (const a of draft.areas) {
    const parentId = a.parentPath ? (ids.get(a.parentPath) ?? null) : null;
    const data = { planId, path: a.path, code: a.code, title: a.title, position: a.position, parentId };
    const old = existing.get(a.path);
    if (!old) ids.set(a.path, (await tx.area.create({ data, select: { id: true } })).id);
    else {
      if (
        old.title !== a.title ||
        old.position !== a.position ||
        old.parentId !== parentId ||
        old.code !== a.code ||
        old.path !== a.path
      ) {
        await tx.area.update({ where: { id: old.id }, data });
      }
      ids.set(a.path, old.id);
    }
  }
  return ids;
}

/** Task fields as SQL values, in TASK_COLUMNS order. */
const TASK_COLUMNS = [
  "planId",
  "areaId",
  "ref",
  "code",
  "content",
  "product",
  "leadText",
  "coordinatingText",
  "timeframe",
  "recurrence",
  "onDemand",
  "notes",
  "position",
  "removedAt",
] as const;
const taskValues = (f: TaskFields): (string | number | null)[] => [
  f.planId,
  f.areaId,
  f.ref,
  f.code,
  f.content,
  f.product,
  f.leadText,
  f.coordinatingText,
  f.timeframe,
  f.recurrence,
  f.onDemand ? 1 : 0,
  f.notes,
  f.position,
  null,
];

/**
 * Everything is decided in memory first, then written in a few multi-row
 * statements: the transaction (and the write lock every other writer waits
 * for) lasts as long as those statements, not one round trip per task.
 */
async function saveTasks(tx: Tx, planId: number, draft: PlanDraft, areaIds: Map<string, number>, now: Date) {
  // Tasks given in chat are not the file's: a re-import neither matches nor removes them.
  const existing = byCurrentCode(
    await tx.task.findMany({ where: { planId, givenById: null } }),
    (t) => t.ref,
    draft.tasks.map((t) => ({ code: t.ref, legacy: t.legacyRef })),
  );
  const ids = new Map<string, number>();
  const toCreate: TaskFields[] = [];
  const toUpdate: [number, ...(string | number | null)[]][] = [];
  for (const t of draft.tasks) {
    const fields = taskFields(t, planId, t.areaPath ? (areaIds.get(t.areaPath) ?? null) : null);
    const old = existing.get(t.ref);
    if (!old) {
      toCreate.push(fields);
      continue;
    }
    ids.set(t.ref, old.id);
    if (changed(old, fields) || old.removedAt !== null) toUpdate.push([old.id, ...taskValues(fields)]);
  }
  await updateRows(tx, "Task", TASK_COLUMNS, toUpdate);
  if (toCreate.length) {
    await insertRows(tx, "Task", TASK_COLUMNS, toCreate.map(taskValues));
    const refs = new Set(toCreate.map((f) => f.ref));
    for (const t of await tx.task.findMany({ where: { planId, givenById: null }, select: { id: true, ref: true } }))
      if (refs.has(t.ref)) ids.set(t.ref, t.id);
  }
  const kept = new Set(ids.values());
  const gone = [...existing.values()].filter((t) => !kept.has(t.id) && t.removedAt === null).map((t) => t.id);
  if (gone.length) await tx.task.updateMany({ where: { id: { in: gone } }, data: { removedAt: now } });
  return { ids, created: toCreate.length, updated: toUpdate.length, removed: gone.length };
}

async function saveOccurrences(
  tx: Tx,
  planId: number,
  draft: PlanDraft,
  taskIds: Map<string, number>,
  now: Date,
): Promise<number> {
  const wanted = new Map<string, { taskId: number; dueDate: string; periodLabel: string }>();
  for (const t of draft.tasks) {
    const taskId = taskIds.get(t.ref)!;
    const list = t.parsed.occurrences.length ? t.parsed.occurrences : [{ dueDate: "", period: "none" }];
    for (const o of list) wanted.set(`${taskId}|${o.dueDate}`, { taskId, dueDate: o.dueDate, periodLabel: o.period });
  }
  const existing = await tx.occurrence.findMany({ where: { task: { planId, givenById: null } } });
  const seen = new Set<string>();
  const revive: [number, string | null, string][] = [];
  const retire: number[] = [];
  for (const o of existing) {
    // A date moved in chat (/gianhan) stays moved: the file still says the plan's own date.
    const key = `${o.taskId}|${o.originalDueDate ?? o.dueDate}`;
    const want = wanted.get(key);
    seen.add(key);
    // A moved or requested occurrence keeps its own period; the plan's is of the date it no longer has.
    const label = o.originalDueDate !== null ? o.periodLabel : (want?.periodLabel ?? o.periodLabel);
    if (want && (o.removedAt !== null || o.periodLabel !== label)) revive.push([o.id, null, label]);
    if (!want && o.removedAt === null) retire.push(o.id);
  }
  await updateRows(tx, "Occurrence", ["removedAt", "periodLabel"], revive);
  if (retire.length) await tx.occurrence.updateMany({ where: { id: { in: retire } }, data: { removedAt: now } });
  const fresh = [...wanted]
    .filter(([key]) => !seen.has(key))
    .map(([, v]) => [v.taskId, v.dueDate, v.periodLabel] as const);
  await insertRows(tx, "Occurrence", ["taskId", "dueDate", "periodLabel"], fresh);
  return wanted.size;
}

/**
 * The objectives' targets as indicators of the year, reported quarterly,
 * unless the unit has that code already: an indicators file that corrected
 * MT2 keeps its word over a re-import of the plan.
 */
async function addPlanTargets(
  tx: Tx,
  input: { unitId: number; year: number; targets: readonly PlanTarget[] },
): Promise<number> {
  if (input.targets.length === 0) return 0;
  const existing = await tx.indicator.findMany({
    where: { unitId: input.unitId, year: input.year },
    select: { code: true, name: true },
  });
  const codes = new Set(existing.map((i) => i.code));
  // A measure the indicators file defines already (under its own code) is that indicator, not a second one.
  const fresh = input.targets.filter(
    (t) => !codes.has(t.code) && !existing.some((i) => i.code !== t.code && sameMeasure(i.name, t.name)),
  );
  const departments = fresh.length
    ? await tx.department.findMany({ where: { unitId: input.unitId }, select: { id: true, key: true } })
    : [];
  for (const t of fresh)
    await tx.indicator.create({
      data: {
        unitId: input.unitId,
        year: input.year,
        code: t.code,
        name: t.name,
        targetText: t.targetText,
        target: t.target.value,
        comparator: t.target.comparator,
        unitLabel: t.target.unit,
        period: "QUARTER",
        // Its row's lead reports it: that department's head sees it among theirs.
        ownerDepartmentId: matchDepartments(t.owner, departments).ids[0] ?? null,
        ownerText: t.owner || null,
      },
    });
  return fresh.length;
}

export async function savePlan(db: Db, input: SavePlanInput): Promise<SavePlanResult> {
  return db.$transaction(async (tx) => {
    await keepAsReal(tx);
    const unitId = await ensureUnitId(tx, input.unitName);
    const key = planKey(input.draft, input.year);
    const spanTo = input.draft.span?.to ?? null;
    if (key.framework) await adoptOldFramework(tx, { unitId, ...key, spanTo: spanTo!, input });
    const plan = await tx.plan.upsert({
      where: { unitId_year_framework: { unitId, ...key } },
      create: {
        unitId,
        ...key,
        spanTo,
        title: input.title,
        sourceFile: input.sourceFile,
        importedAt: input.now,
      },
      update: { title: input.title, sourceFile: input.sourceFile, importedAt: input.now, spanTo },
      select: { id: true },
    });
    const named = unitNameInTitle(input.draft.preamble ?? []);
    if (named) await tx.unit.update({ where: { id: unitId }, data: { displayName: named } });
    const areaIds = await saveAreas(tx, plan.id, input.draft);
    const tasks = await saveTasks(tx, plan.id, input.draft, areaIds, input.now);
    const occurrences = await saveOccurrences(tx, plan.id, input.draft, tasks.ids, input.now);
    const units = await tx.unit.findMany({ where: { parentId: unitId }, select: { name: true } });
    // "Các đơn vị trực thuộc" names the Sở's units, not one of its departments.
    const unmatched = (await relinkTasks(tx, unitId)).filter(
      (w) => unitsNamed(String(w.params?.name ?? ""), units).length === 0,
    );
    const assignments = await syncAssignments(tx, unitId, input.now);
    const toUnits = await syncUnitAssignments(tx, unitId, input.now);
    const targets = await addPlanTargets(tx, { unitId, year: input.year, targets: input.draft.targets ?? [] });
    return {
      planId: plan.id,
      tasks: input.draft.tasks.length,
      created: tasks.created,
      updated: tasks.updated,
      removed: tasks.removed,
      occurrences,
      assignments: assignments.created + toUnits,
      targets,
      warnings: [...unmatched, ...assignments.warnings],
    };
  }, LONG_TRANSACTION);
}

/**
 * A framework imported before plans had their own kind was kept as the plan of
 * its first year: the same file (or title) imported again makes that row the
 * framework, its tasks and their history with it, rather than a second copy.
 */
async function adoptOldFramework(
  tx: Tx,
  p: { unitId: number; year: number; spanTo: number; input: SavePlanInput },
): Promise<void> {
  const key = { unitId: p.unitId, year: p.year };
  if (await tx.plan.findUnique({ where: { unitId_year_framework: { ...key, framework: true } }, select: { id: true } }))
    return;
  const old = await tx.plan.findUnique({
    where: { unitId_year_framework: { ...key, framework: false } },
    select: { id: true, title: true, sourceFile: true },
  });
  if (old && (old.title === p.input.title || old.sourceFile === p.input.sourceFile))
    await tx.plan.update({ where: { id: old.id }, data: { framework: true, spanTo: p.spanTo } });
}

export interface PlanChanges {
  /** Whether the year already has a plan: without one, everything is new. */
  existing: boolean;
  added: string[];
  removed: string[];
  /** Tasks whose due dates change. */
  datesChanged: string[];
  /** Of the removed and re-dated tasks, those with work reported or history. */
  touched: string[];
}

/** What importing this draft would change, for the summary an admin confirms. */
export async function planChanges(
  db: Db,
  input: { unitName: string; year: number; draft: PlanDraft },
): Promise<PlanChanges> {
  const unitId = await findUnitId(db, input.unitName);
  const plan =
    unitId === null
      ? null
      : await db.plan.findUnique({
          where: { unitId_year_framework: { unitId, ...planKey(input.draft, input.year) } },
          select: { id: true },
        });
  if (!plan)
    return { existing: false, added: input.draft.tasks.map((t) => t.ref), removed: [], datesChanged: [], touched: [] };
  const tasks = await db.task.findMany({
    where: { planId: plan.id, removedAt: null, givenById: null },
    select: {
      ref: true,
      occurrences: {
        where: { removedAt: null },
        select: {
          dueDate: true,
          originalDueDate: true,
          assignments: { select: { status: true, _count: { select: { history: true } } } },
        },
      },
    },
  });
  const byRef = new Map(tasks.map((t) => [t.ref, t]));
  const draftRefs = new Set(input.draft.tasks.flatMap((t) => [t.ref, t.legacyRef]));
  const worked = (t: (typeof tasks)[number]) =>
    t.occurrences.some((o) => o.assignments.some((a) => a.status !== "NOT_STARTED" || a._count.history > 0));
  const added: string[] = [];
  const datesChanged: string[] = [];
  const touched: string[] = [];
  for (const d of input.draft.tasks) {
    const old = byRef.get(d.ref) ?? byRef.get(d.legacyRef);
    if (!old) {
      added.push(d.ref);
      continue;
    }
    // A department's own date (a split part) is the same plan date: counted once.
    const before = [...new Set(old.occurrences.map((o) => o.originalDueDate ?? o.dueDate))].sort().join();
    const after = (d.parsed.dueDates.length ? d.parsed.dueDates : [""]).join();
    if (before !== after) {
      datesChanged.push(d.ref);
      if (worked(old)) touched.push(d.ref);
    }
  }
  const removed = tasks.filter((t) => !draftRefs.has(t.ref)).map((t) => t.ref);
  touched.push(...tasks.filter((t) => !draftRefs.has(t.ref) && worked(t)).map((t) => t.ref));
  return { existing: true, added, removed, datesChanged, touched };
}

/** The code of the unit's first plan task, to show in examples; null when it has no plan. */
export async function firstTaskRef(db: Db, unitName: string): Promise<string | null> {
  const unitId = (await findUnitId(db, unitName)) ?? -1;
  const first = await db.task.findFirst({
    where: { removedAt: null, plan: { unitId } },
    orderBy: { position: "asc" },
    select: { ref: true },
  });
  return first?.ref ?? null;
}
