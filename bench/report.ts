/**
 * /baocao over 50,000 assignments in 200 departments, from the leader's
 * message to the reply text, next to the single SQL aggregate it relies on;
 * then a province's /baocao (50 units × 1,000 assignments) the same way.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createBot } from "../src/bot/bot.ts";
import { MemberCache } from "../src/bot/members.ts";
import { fixedClock } from "../src/domain/calendar.ts";
import { reportWindow } from "../src/domain/report-period.ts";
import { createLogger } from "../src/logger.ts";
import { ConversationStore } from "../src/store/chat/conversations.ts";
import { departmentLines, unitItems } from "../src/store/reports/report.ts";
import { departmentLines as linesOf } from "../src/domain/report.ts";
import type { Db } from "../src/store/db/db.ts";
import { bigProvince, bigUnit, PROVINCE_UNITS } from "./fixtures.ts";
import { median } from "./util.ts";
import { insertRows, sqlTimestamp } from "../src/store/db/sql.ts";

function leaderBot(db: Db) {
  return createBot({
    db,
    clock: fixedClock("2026-11-25T02:00:00Z"),
    logger: createLogger("silent"),
    settings: {
      unitName: "Bench",
      planYear: 2026,
      tz: "Asia/Ho_Chi_Minh",
      defaultLocale: "vi",
      inviteTtlDays: 7,
      conversationTtlMinutes: 30,
    },
    conversations: new ConversationStore(db),
    members: new MemberCache(db),
    capabilities: () => new Set(["buttons"]),
  });
}

/** 22 rounds of the baseline and of /baocao from `leader`; the first two warm caches and Prisma's compiled queries. */
async function rounds(
  db: Db,
  leader: number,
  baseline: () => Promise<unknown>,
): Promise<{ sql: number[]; full: number[]; text: string }> {
  const bot = leaderBot(db);
  const sql: number[] = [];
  const full: number[] = [];
  let text = "";
  for (let i = 0; i < 22; i++) {
    const a = performance.now();
    await baseline();
    const b = performance.now();
    const out = await bot.handle({
      channel: "telegram",
      updateId: String(i),
      chatId: String(leader),
      senderId: String(leader),
      private: true,
      text: "/baocao q4 2026",
    });
    const c = performance.now();
    if (i >= 2) {
      sql.push(b - a);
      full.push(c - b);
    }
    text = out[0]?.reply.kind === "text" ? out[0].reply.text : "";
  }
  return { sql, full, text };
}

/** The Sở's consolidated /xuatbaocao, .docx and .xlsx, next to the province /baocao of the same run. */
async function consolidated(db: Db, leader: number, baseline: number): Promise<void> {
  const bot = leaderBot(db);
  console.log(
    `\n/xuatbaocao for a Sở: ${PROVINCE_UNITS} units × 1,000 assignments, rolled-up indicators (median of 5; goal under 2 s)`,
  );
  console.log(`  /baocao for the Sở (baseline)            ${baseline.toFixed(1).padStart(8)} ms`);
  for (const format of ["docx", "xlsx"]) {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 6; i++) {
      const a = performance.now();
      const out = await bot.handle({
        channel: "telegram",
        updateId: `x${format}${i}`,
        chatId: String(leader),
        senderId: String(leader),
        private: true,
        text: `/xuatbaocao q4 2026 ${format}`,
      });
      if (i > 0) times.push(performance.now() - a);
      const reply = out[0]?.reply;
      size = reply?.kind === "document" ? (reply.data?.length ?? 0) : 0;
    }
    console.log(
      `  /xuatbaocao ${format}, message in → file out   ${median(times).toFixed(1).padStart(8)} ms  (${(size / 1024).toFixed(0)} KB)`,
    );
  }
}

/**
 * The Sở's PAR index ranking: a 60-criterion set (8 areas), every unit's
 * self-score sent; `/chamdiem xephang`, the ranked list and its workbook,
 * next to the province /baocao of the same run.
 */
async function parRanking(db: Db, leader: number, baseline: number): Promise<void> {
  const so = await db.unit.findFirstOrThrow({ where: { parentId: null } });
  const created = sqlTimestamp(new Date("2026-11-20T02:00:00Z"));
  const set = await db.criteriaSet.create({
    data: { unitId: so.id, year: 2026, title: "Bộ tiêu chí", createdAt: new Date("2026-11-20T02:00:00Z") },
  });
  const areas = Array.from({ length: 8 }, (_, a) => [
    set.id,
    `A${a + 1}`,
    `A${a + 1}`,
    null,
    1,
    `Lĩnh vực ${a + 1}`,
    15,
    "",
    "[]",
    "",
    "",
    a * 10,
  ]);
  const leaves = Array.from({ length: 60 }, (_, k) => [
    set.id,
    `A${(k % 8) + 1}.${k + 1}`,
    String(k + 1),
    `A${(k % 8) + 1}`,
    2,
    `Tiêu chí ${k + 1}`,
    2,
    "Đạt: 2; chưa đạt: 0",
    "[2,0]",
    "",
    "",
    100 + k,
  ]);
  const columns = [
    "setId",
    "ref",
    "code",
    "parentRef",
    "depth",
    "title",
    "maxScore",
    "rule",
    "steps",
    "evidence",
    "departmentText",
    "position",
  ];
  await insertRows(db, "Criterion", columns, [...areas, ...leaves]);
  const criteria = await db.criterion.findMany({ where: { setId: set.id, depth: 2 }, select: { id: true } });
  const units = await db.unit.findMany({ where: { parentId: so.id }, select: { id: true } });
  await insertRows(
    db,
    "SelfScore",
    ["criterionId", "unitId", "score", "evidence", "byId", "at", "appraised", "appraisalReason"],
    units.flatMap((u, i) =>
      criteria.map((c, k) => {
        // Every fifth criterion of an appraised unit was lowered by the Sở.
        const lowered = i % 2 === 0 && k % 5 === 0;
        return [c.id, u.id, (k + i) % 7 ? 2 : 0, "VB", 1, created, lowered ? 0 : null, lowered ? "thiếu" : null];
      }),
    ),
  );
  // Half the units' scores fixed after the appraisal, the others still self-scores.
  await insertRows(
    db,
    "SelfAssessment",
    ["setId", "unitId", "status", "submittedAt", "submittedById", "total"],
    units.map((u, i) => [set.id, u.id, i % 2 === 0 ? "FINAL" : "SUBMITTED", created, 1, 0]),
  );
  const bot = leaderBot(db);
  const timed = async (text: string) => {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 8; i++) {
      const a = performance.now();
      const out = await bot.handle({
        channel: "telegram",
        updateId: `par-${text}-${i}`,
        chatId: String(leader),
        senderId: String(leader),
        private: true,
        text,
      });
      if (i > 1) times.push(performance.now() - a);
      size = out.reduce((n, o) => n + (o.reply.kind === "document" ? (o.reply.data?.length ?? 0) : 0), 0);
    }
    return { ms: median(times), kb: (size / 1024).toFixed(0) };
  };
  const ranking = await timed("/chamdiem xephang");
  const rating = await timed("/chamdiem xeploai");
  const appraisal = await timed("/chamdiem thamdinh");
  console.log(
    `\nPAR index: ${units.length} units × ${criteria.length} criteria, half fixed after appraisal (median of 6; goal under 1 s)`,
  );
  console.log(`  /baocao for the Sở (baseline)                ${baseline.toFixed(1).padStart(8)} ms`);
  const line = (label: string, r: { ms: number; kb: string }) =>
    console.log(`  ${label.padEnd(44)} ${r.ms.toFixed(1).padStart(8)} ms  (${r.kb} KB of files)`);
  line("/chamdiem xephang: list, .xlsx and .docx", ranking);
  line("/chamdiem xeploai: list and .docx", rating);
  line("/chamdiem thamdinh: the units' states", appraisal);
}

export async function benchReport(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-report-"));
  try {
    const { db } = await bigUnit(dir, { statuses: true });
    const leader = (await db.staff.findFirstOrThrow({ where: { role: "LEADER" } })).id;
    const q = { unitName: "Bench", window: reportWindow("q4", 2026), today: "2026-11-25", tz: "Asia/Ho_Chi_Minh" };
    const { sql, full, text } = await rounds(db, leader, () => departmentLines(db, q));
    console.log(`\n/baocao: 50,000 assignments, 200 departments (median of ${full.length})`);
    console.log(`  the counting query and counts (baseline) ${median(sql).toFixed(1).padStart(7)} ms`);
    console.log(`  /baocao, message in → reply out         ${median(full).toFixed(1).padStart(8)} ms`);
    console.log(`  reply: ${text.split("\n")[3]}`);
    await db.$disconnect();
    const province = await bigProvince(dir);
    const units = await province.db.unit.findMany({ select: { id: true, name: true } });
    const window = reportWindow("q4", 2026);
    const p = await rounds(province.db, province.leader, async () =>
      linesOf(
        await unitItems(province.db, { units, window, today: "2026-11-25", tz: "Asia/Ho_Chi_Minh" }),
        window,
        "2026-11-25",
      ),
    );
    console.log(
      `\n/baocao for a Sở: ${PROVINCE_UNITS} units × 1,000 assignments (median of ${p.full.length}; goal under 300 ms)`,
    );
    console.log(`  the counting query and counts (baseline) ${median(p.sql).toFixed(1).padStart(7)} ms`);
    console.log(`  /baocao, message in → reply out         ${median(p.full).toFixed(1).padStart(8)} ms`);
    console.log(`  reply: ${p.text.split("\n")[3]}; worst: ${p.text.split("\n")[10]}`);
    await consolidated(province.db, province.leader, median(p.full));
    await parRanking(province.db, province.leader, median(p.full));
    await province.db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
