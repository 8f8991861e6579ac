/**
 * `cchc`: the admin's tool for what is easier from a file than from a chat:
 * importing the plan, the roster and the indicators, checking what went in.
 * Results go to stdout, progress and problems to stderr.
 */
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { startApp, type App } from "../app.ts";
import { dayOf } from "../domain/calendar.ts";
import { splitDepartmentNames } from "../domain/departments.ts";
import { displayPhone } from "../domain/phone.ts";
import { taskWarnings, type PlanDraft } from "../domain/tables/plan.ts";
import type { ImportIssue } from "../domain/tables/sheet.ts";
import { UserError } from "../errors.ts";
import { translator, type Translate } from "../i18n.ts";
import { importIndicatorFile, importPlanFile, importRosterFile, readHolidayFile, readPlanFile } from "../import/imports.ts";
import { loadDotenvFile, parseConfig, readZaloCredentials } from "../config.ts";
import { loginWithCredentials } from "../channels/zalo/session.ts";
import { inviteOverZalo, zaloLogin } from "./zalo.ts";
import { migrate } from "../store/migrate.ts";
import { checkSetting, rawSettings, SETTING_KEYS } from "../domain/settings.ts";
import { parseReportKind, reportWindow } from "../domain/report-period.ts";
import { loadReportData } from "../reports/data.ts";
import { reportDocx, reportXlsx } from "../reports/export.ts";
import { holidaysOf, loadReminderContext } from "../store/calendar.ts";
import { parseAudience } from "../bot/features/broadcast.ts";
import { broadcastStats, createBroadcast } from "../store/broadcasts.ts";
import { createInvites, unlinkStaff } from "../store/identities.ts";
import { loadSettingsRows, replaceHolidays, saveSetting } from "../store/reminders.ts";
import { ensureUnitId } from "../store/units.ts";
import { planOverview } from "../store/overview.ts";
import { listStaff, setRole } from "../store/staff.ts";
import { parsePhone, parseRole, parseYear } from "./args.ts";
import { displayDate, textTable } from "./format.ts";

const err = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);

async function withApp<T>(run: (app: App) => Promise<T>): Promise<T> {
  const app = await startApp();
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

/** An import that fails says, after its errors, that nothing was written. */
async function importing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UserError) throw new UserError([...e.issues, { key: "import.failed", params: { count: e.issues.length } }]);
    throw e;
  }
}

function printWarnings(t: Translate, warnings: readonly ImportIssue[]) {
  for (const w of warnings) err(`⚠ ${t(w.key, w.params)}`);
}

/** The dry-run document: what would be imported, for scripts and for checking a file before it goes in. */
export function planJson(draft: PlanDraft, t: Translate) {
  const areaTitle = new Map(draft.areas.map((a) => [a.path, a.title]));
  return {
    tasks: draft.tasks.map((task) => ({
      code: task.ref,
      area: task.areaPath ? (areaTitle.get(task.areaPath) ?? "") : "",
      content: task.content,
      product: task.product,
      lead: splitDepartmentNames(task.lead).join("; "),
      coordinating: splitDepartmentNames(task.coordinating),
      timeframe: task.timeframe,
      dueDates: task.parsed.dueDates,
      recurring: task.parsed.recurring,
      onDemand: task.parsed.onDemand,
      warnings: taskWarnings(draft, task).map((w) => t(w.key, w.params)),
    })),
    warnings: draft.warnings.map((w) => t(w.key, w.params)),
  };
}

export function buildProgram(t: Translate): Command {
  const program = new Command("cchc").description(t("cli.help.program")).showHelpAfterError();
  const plan = program.command("plan").description(t("cli.help.plan"));
  plan
    .command("import <file>")
    .description(t("cli.help.planImport"))
    .option("--year <year>", t("cli.help.year"))
    .option("--dry-run", t("cli.help.dryRun"))
    .option("--json", t("cli.help.json"))
    .action(async (file: string, opts: { year?: string; dryRun?: boolean; json?: boolean }) => {
      if (opts.dryRun) {
        // A dry run needs no database at all: it must not even create one.
        loadDotenvFile();
        const config = parseConfig(process.env);
        const tc = translator(config.locale);
        const year = parseYear(opts.year, config.planYear);
        err(t("cli.reading", { file: path.basename(file) }));
        const draft = await importing(() => readPlanFile(file, year));
        if (opts.json) out(JSON.stringify(planJson(draft, tc), null, 2));
        else {
          printWarnings(tc, draft.tasks.flatMap((task) => taskWarnings(draft, task)).concat(draft.warnings));
          out(t("cli.dryRunSummary", { tasks: draft.tasks.length, areas: draft.areas.length, year }));
        }
        err(tc("import.dryRun"));
        return;
      }
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        err(app.t("cli.reading", { file: path.basename(file) }));
        const r = await importing(() => importPlanFile(app.db, { file, year, unitName: app.config.unitName, now: app.clock.now() }));
        printWarnings(app.t, r.warnings);
        const line = app.t("plan.imported", { title: r.title, year, tasks: r.tasks, created: r.created, updated: r.updated, removed: r.removed, occurrences: r.occurrences, assignments: r.assignments });
        out(opts.json ? JSON.stringify({ ...r, draft: undefined, warnings: r.warnings.map((w) => app.t(w.key, w.params)) }) : line);
      });
    });
  plan
    .command("show")
    .description(t("cli.help.planShow"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (opts: { year?: string }) => {
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        const view = await planOverview(app.db, { unitName: app.config.unitName, year, today: dayOf(app.clock.now(), app.config.tz) });
        if (!view) {
          out(app.t("plan.empty", { year }));
          return;
        }
        out(app.t("plan.showHeader", { title: view.title, year: view.year, count: view.tasks.length }));
        const c = (k: string) => app.t(`plan.columns.${k}`);
        out(
          textTable(
            [c("ref"), c("content"), c("lead"), c("next"), c("status")],
            view.tasks.map((task) => [
              task.ref,
              task.content,
              task.lead,
              task.nextDue ? displayDate(task.nextDue) : app.t(task.onDemand ? "plan.onDemand" : "plan.noDate"),
              `${task.done}/${task.assigned}`,
            ]),
            [0, 56, 34],
          ),
        );
      });
    });

  const staff = program.command("staff").description(t("cli.help.staff"));
  staff
    .command("import <file>")
    .description(t("cli.help.staffImport"))
    .action(async (file: string) => {
      await withApp(async (app) => {
        err(app.t("cli.reading", { file: path.basename(file) }));
        const r = await importing(() => importRosterFile(app.db, { file, unitName: app.config.unitName, now: app.clock.now() }));
        printWarnings(app.t, r.warnings);
        out(app.t("roster.imported", { ...r }));
      });
    });
  staff
    .command("list")
    .description(t("cli.help.staffList"))
    .action(async () => {
      await withApp(async (app) => {
        const rows = await listStaff(app.db, app.config.unitName);
        out(app.t("roster.listHeader", { count: rows.length }));
        const c = (k: string) => app.t(`roster.columns.${k}`);
        out(
          textTable(
            [c("name"), c("phone"), c("department"), c("role"), c("active")],
            rows.map((r) => [r.name, displayPhone(r.phone), r.department ?? "", app.t(`role.${r.role}`), r.active ? "✓" : app.t("roster.inactive")]),
          ),
        );
      });
    });
  staff
    .command("role <phone> <role>")
    .description(t("cli.help.staffRole"))
    .action(async (rawPhone: string, rawRole: string) => {
      const phone = parsePhone(rawPhone);
      const role = parseRole(rawRole);
      await withApp(async (app) => {
        const r = await setRole(app.db, { unitName: app.config.unitName, phone, role, now: app.clock.now() });
        out(app.t("roster.roleSet", { name: r.name, phone: displayPhone(r.phone), role: app.t(`role.${r.role}`) }));
      });
    });

  staff
    .command("invite")
    .description(t("cli.help.staffInvite"))
    .option("--department <name>", t("cli.help.department"))
    .option("--csv <file>", t("cli.help.csv"))
    .option("--bot <username>", t("cli.help.bot"))
    .action(async (opts: { department?: string; csv?: string; bot?: string }) => {
      await withApp(async (app) => {
        const invites = await createInvites(app.db, { unitName: app.config.unitName, department: opts.department, now: app.clock.now(), ttlDays: app.config.inviteTtlDays });
        if (invites === null) throw UserError.of("cli.unknownDepartment", { department: opts.department ?? "" });
        const bot = (opts.bot ?? app.config.telegramUsername ?? app.config.telegram?.username)?.replace(/^@/, "");
        const link = (code: string) => (bot ? `https://t.me/${bot}?start=${code}` : `/start ${code}`);
        const expires = invites[0] ? displayDate(dayOf(invites[0].expiresAt, app.config.tz)) : "";
        out(app.t("cli.invites", { count: invites.length, expires }));
        for (const i of invites) out(app.t("cli.inviteLine", { name: i.name, phone: displayPhone(i.phone), department: i.department ?? "—", link: link(i.code) }));
        if (!bot) err(app.t("cli.noBotName"));
        if (opts.csv) {
          const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
          const rows = invites.map((i) => [i.name, displayPhone(i.phone), i.department ?? "", i.code, link(i.code), expires].map(cell).join(","));
          // The BOM makes Excel open Vietnamese text as UTF-8.
          fs.writeFileSync(opts.csv, `\uFEFF${[app.t("cli.csvHeader"), ...rows].join("\r\n")}\r\n`, { mode: 0o600 });
          err(app.t("cli.csvWritten", { file: opts.csv }));
        }
      });
    });
  staff
    .command("unlink <phone>")
    .description(t("cli.help.staffUnlink"))
    .action(async (rawPhone: string) => {
      const phone = parsePhone(rawPhone);
      await withApp(async (app) => {
        const r = await unlinkStaff(app.db, { unitName: app.config.unitName, phone });
        if (!r) throw UserError.of("roster.unknownPhone", { phone: rawPhone });
        out(app.t("cli.unlinked", { name: r.name, count: r.removed }));
      });
    });

  program
    .command("indicators")
    .description(t("cli.help.indicators"))
    .command("import <file>")
    .description(t("cli.help.indicatorsImport"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (file: string, opts: { year?: string }) => {
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        err(app.t("cli.reading", { file: path.basename(file) }));
        const r = await importing(() => importIndicatorFile(app.db, { file, unitName: app.config.unitName, year }));
        printWarnings(app.t, r.warnings);
        out(app.t("indicator.imported", { ...r, year }));
      });
    });

  program
    .command("report")
    .description(t("cli.help.report"))
    .command("export")
    .description(t("cli.help.reportExport"))
    .requiredOption("--period <period>", t("cli.help.period"))
    .option("--year <year>", t("cli.help.year"))
    .option("--format <format>", t("cli.help.format"), "xlsx")
    .requiredOption("--out <file>", t("cli.help.out"))
    .action(async (opts: { period: string; year?: string; format: string; out: string }) => {
      const kind = parseReportKind(opts.period);
      if (!kind) throw UserError.of("cli.badPeriod", { value: opts.period });
      if (!["xlsx", "docx"].includes(opts.format)) throw UserError.of("cli.badFormat", { value: opts.format });
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        const { settings: s } = await loadReminderContext(app.db, app.config.unitName, app.config.tz, year);
        const window = reportWindow(kind, year, s.reportCutoff);
        const data = await loadReportData(app.db, { unitName: app.config.unitName, window, today: dayOf(app.clock.now(), app.config.tz), tz: app.config.tz });
        fs.writeFileSync(opts.out, opts.format === "docx" ? await reportDocx(app.t, data) : await reportXlsx(app.t, data));
        out(app.t("export.written", { file: opts.out }));
      });
    });

  const broadcast = program.command("broadcast").description(t("cli.help.broadcast"));
  broadcast
    .command("send")
    .description(t("cli.help.broadcastSend"))
    .requiredOption("--text-file <file>", t("cli.help.textFile"))
    .option("--attach <file>", t("cli.help.attach"))
    .option("--department <names>", t("cli.help.departments"))
    .option("--wait", t("cli.help.wait"))
    .action(async (opts: { textFile: string; attach?: string; department?: string; wait?: boolean }) => {
      let text: string;
      let attachment: { kind: "document" | "photo"; name: string; data: Buffer } | undefined;
      try {
        text = fs.readFileSync(opts.textFile, "utf8").trim();
        if (opts.attach) attachment = { kind: /\.(png|jpe?g)$/i.test(opts.attach) ? "photo" : "document", name: path.basename(opts.attach), data: fs.readFileSync(opts.attach) };
      } catch (e) {
        throw UserError.of("import.notFound", { file: String((e as NodeJS.ErrnoException).path ?? opts.textFile) });
      }
      if (!text) throw UserError.of("import.empty", { file: opts.textFile });
      await withApp(async (app) => {
        const r = await createBroadcast(app.db, { unitName: app.config.unitName, senderId: null, text, ...(attachment ? { attachment } : {}), audience: parseAudience(opts.department ?? ""), now: app.clock.now() });
        if (r.unknownDepartments.length) err(app.t("broadcast.unknownDepartments", { names: r.unknownDepartments.join("; ") }));
        out(String(r.id));
        err(app.t("broadcast.sent", { id: r.id, count: r.reachable, unreachable: r.unreachable.length }));
        for (const u of r.unreachable) err(`  ${u.name} — ${displayPhone(u.phone)}`);
        if (!opts.wait) return;
        // The running bot delivers it; follow its progress, bounded by a day.
        for (let i = 0; i < 86_400; i++) {
          const s = await broadcastStats(app.db, r.id, app.clock.now());
          const sum = s!.departments.reduce((a, d) => ({ total: a.total + d.total, sent: a.sent + d.sent, pending: a.pending + d.pending }), { total: 0, sent: 0, pending: 0 });
          err(app.t("broadcast.waiting", { id: r.id, ...sum }));
          if (sum.pending === 0) break;
          await new Promise((res) => setTimeout(res, 1000));
        }
      });
    });
  broadcast
    .command("status <id>")
    .description(t("cli.help.broadcastStatus"))
    .action(async (rawId: string) => {
      await withApp(async (app) => {
        const s = await broadcastStats(app.db, Number(rawId), app.clock.now());
        if (!s) throw UserError.of("cli.noBroadcast", { id: rawId });
        out(app.t("broadcast.statsTitle", { id: s.id, text: s.text.replace(/\s+/g, " ").slice(0, 60) }));
        for (const d of s.departments) out(app.t("broadcast.statsLine", { ...d }));
        if (s.contactDirectly.length) {
          out(app.t("broadcast.contactDirectly", { count: s.contactDirectly.length }));
          for (const u of s.contactDirectly) out(`  ${u.name} — ${displayPhone(u.phone)} (${app.t(`broadcast.reason.${u.reason}`)})`);
        }
      });
    });

  const zalo = program.command("zalo").description(t("cli.help.zalo"));
  zalo
    .command("login")
    .description(t("cli.help.zaloLogin"))
    .action(async () => {
      loadDotenvFile();
      const config = parseConfig(process.env);
      await zaloLogin({ credentialsFile: config.zaloCredentialsFile, qrPng: path.join(path.dirname(config.databasePath), "zalo-qr.png"), t: translator(config.locale), err });
    });
  zalo
    .command("invite")
    .description(t("cli.help.zaloInvite"))
    .option("--department <name>", t("cli.help.department"))
    .action(async (opts: { department?: string }) => {
      await withApp(async (app) => {
        const credentials = readZaloCredentials(app.config.zaloCredentialsFile);
        if (!credentials) throw UserError.of("zalo.noCredentials");
        const api = await loginWithCredentials(credentials);
        const r = await inviteOverZalo(app.db, api, { unitName: app.config.unitName, ...(opts.department ? { department: opts.department } : {}), now: app.clock.now(), ttlDays: app.config.inviteTtlDays, t: app.t });
        if (!r) throw UserError.of("cli.unknownDepartment", { department: opts.department ?? "" });
        out(app.t("zalo.invited", { count: r.sent.length }));
        if (r.notOnZalo.length) {
          out(app.t("zalo.notOnZalo", { count: r.notOnZalo.length }));
          for (const p of r.notOnZalo) out(`  ${p.name} — ${displayPhone(p.phone)}`);
        }
      });
    });

  const settings = program.command("settings").description(t("cli.help.settings"));
  settings
    .command("show")
    .description(t("cli.help.settingsShow"))
    .action(async () => {
      await withApp(async (app) => {
        const current = rawSettings(await loadSettingsRows(app.db, app.config.unitName));
        const c = (k: string) => app.t(`settings.columns.${k}`);
        out(textTable([c("key"), c("value"), c("meaning")], SETTING_KEYS.map((k) => [k, current[k], app.t(`settings.key.${k}`)])));
      });
    });
  settings
    .command("set <key> <value>")
    .description(t("cli.help.settingsSet"))
    .action(async (key: string, raw: string) => {
      await withApp(async (app) => {
        const value = checkSetting(key, raw);
        if (value === null) throw UserError.of((SETTING_KEYS as string[]).includes(key) ? "settings.badValue" : "settings.unknownKey", { key, value: raw });
        await ensureUnitId(app.db, app.config.unitName);
        await saveSetting(app.db, app.config.unitName, key, value);
        out(app.t("cli.settingSaved", { key, value }));
      });
    });

  const holidays = program.command("holidays").description(t("cli.help.holidays"));
  holidays
    .command("list")
    .description(t("cli.help.holidaysList"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (opts: { year?: string }) => {
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        const { holidays: list, official } = await holidaysOf(app.db, app.config.unitName, year);
        out(app.t("holidays.header", { year, source: app.t(official ? "holidays.official" : "holidays.defaults") }));
        for (const h of list) out(`${displayDate(h.date)}  ${h.name}`);
      });
    });
  holidays
    .command("import <file>")
    .description(t("cli.help.holidaysImport"))
    .option("--year <year>", t("cli.help.year"))
    .action(async (file: string, opts: { year?: string }) => {
      await withApp(async (app) => {
        const year = parseYear(opts.year, app.config.planYear);
        const list = await importing(() => readHolidayFile(file, year));
        await ensureUnitId(app.db, app.config.unitName);
        const n = await replaceHolidays(app.db, app.config.unitName, year, list);
        out(app.t("holidays.imported", { count: n, year }));
      });
    });

  program
    .command("db")
    .description(t("cli.help.db"))
    .command("migrate")
    .description(t("cli.help.dbMigrate"))
    .action(() => {
      loadDotenvFile();
      const config = parseConfig(process.env);
      const applied = migrate(config.databasePath);
      out(t("cli.migrated", { count: applied.length, names: applied.join(", ") || "—", path: config.databasePath }));
    });
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  loadDotenvFile();
  const locale = process.env.DEFAULT_LOCALE === "en" ? "en" : "vi";
  const t = translator(locale);
  try {
    await buildProgram(t).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      for (const line of e.render(t)) err(line);
      return 1;
    }
    err(t("cli.error", { message: (e as Error)?.stack ?? String(e) }));
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("cli/main.ts")) {
  process.exitCode = await runCli(process.argv);
}
