/** `cchc staff import|list|role|invite|unlink`: the roster and who is linked. */
import path from "node:path";
import { UserError } from "../../errors.ts";
import { dayOf } from "../../domain/calendar.ts";
import { displayDate, textTable } from "../format.ts";
import { displayPhone } from "../../domain/phone.ts";
import { err, out, withApp, importing, printWarnings, writeOutput, quickConfig } from "../shared.ts";
import type { StaffRow } from "../../store/people/staff-row.ts";
import { chosenUnit } from "../output.ts";
import { parsePhone, parseRole } from "../args.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerStaff(program: Command, t: Translate): void {
  const staff = program.command("staff").description(t("cli.help.staff"));
  staff
    .command("import <file>")
    .description(t("cli.help.staffImport"))
    .action(async (file: string) => {
      await withApp(async (app) => {
        err(app.t("cli.reading", { file: path.basename(file) }));
        const { importRosterFile } = await import("../../import/imports.ts");
        const r = await importing(() =>
          importRosterFile(app.db, { file, unitName: app.config.unitName, now: app.clock.now() }),
        );
        printWarnings(app.t, r.warnings);
        out(app.t("roster.imported", { ...r }));
      });
    });
  staff
    .command("list")
    .description(t("cli.help.staffList"))
    .action(async () => {
      const print = (tt: Translate, rows: StaffRow[]) => {
        out(tt("roster.listHeader", { count: rows.length }));
        const c = (k: string) => tt(`roster.columns.${k}`);
        out(
          textTable(
            [c("name"), c("phone"), c("department"), c("role"), c("active")],
            rows.map((r) => [
              r.name,
              displayPhone(r.phone),
              r.department ?? "",
              tt(`role.${r.role}`),
              r.active ? "✓" : tt("roster.inactive"),
            ]),
          ),
        );
      };
      // A list is read straight from the file when it can be: no Prisma client to load (store/people/quick-read.ts).
      const quick = await quickConfig();
      const { quickStaffList } = await import("../../store/people/quick-read.ts");
      const rows = quick && quickStaffList(quick.config.databasePath, quick.config.unitName, chosenUnit());
      if (quick && rows) return print(quick.t, rows);
      await withApp(async (app) => {
        const { listStaff } = await import("../../store/people/staff.ts");
        print(app.t, await listStaff(app.db, app.config.unitName));
      });
    });
  staff
    .command("role <phone> <role>")
    .description(t("cli.help.staffRole"))
    .action(async (rawPhone: string, rawRole: string) => {
      const phone = parsePhone(rawPhone);
      const role = parseRole(rawRole);
      await withApp(async (app) => {
        const { setRole } = await import("../../store/people/staff.ts");
        const r = await setRole(app.db, {
          unitName: app.config.unitName,
          phone,
          typed: rawPhone,
          role,
          now: app.clock.now(),
        });
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
        const { createInvites } = await import("../../store/people/identities.ts");
        const invites = await createInvites(app.db, {
          unitName: app.config.unitName,
          department: opts.department,
          now: app.clock.now(),
          ttlDays: app.config.inviteTtlDays,
        });
        if (invites === null) throw UserError.of("cli.unknownDepartment", { department: opts.department ?? "" });
        const bot = (opts.bot ?? app.config.telegramUsername ?? app.config.telegram?.username)?.replace(/^@/, "");
        const link = (code: string) => (bot ? `https://t.me/${bot}?start=${code}` : `/start ${code}`);
        const expires = invites[0] ? displayDate(dayOf(invites[0].expiresAt, app.config.tz)) : "";
        out(app.t("cli.invites", { count: invites.length, expires }));
        for (const i of invites)
          out(
            app.t("cli.inviteLine", {
              name: i.name,
              phone: displayPhone(i.phone),
              department: i.department ?? "—",
              link: link(i.code),
            }),
          );
        if (!bot) err(app.t("cli.noBotName"));
        if (opts.csv) {
          const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
          const rows = invites.map((i) =>
            [i.name, displayPhone(i.phone), i.department ?? "", i.code, link(i.code), expires].map(cell).join(","),
          );
          // The BOM makes Excel open Vietnamese text as UTF-8.
          writeOutput(opts.csv, `\uFEFF${[app.t("cli.csvHeader"), ...rows].join("\r\n")}\r\n`, { private: true });
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
        const { unlinkStaff } = await import("../../store/people/identities.ts");
        const r = await unlinkStaff(app.db, { unitName: app.config.unitName, phone });
        if (!r) throw UserError.of("roster.unknownPhone", { phone: rawPhone });
        out(app.t("cli.unlinked", { name: r.name, count: r.removed }));
      });
    });
}
