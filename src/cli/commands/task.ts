/** `cchc task add`: a task outside the plan, as /giaoviec gives it in chat. */
import { UserError } from "../../errors.ts";
import { dayOf, displayDate } from "../../domain/calendar.ts";
import { readDeadline } from "../../domain/deadline.ts";
import { translator, type Locale, type Translate } from "../../i18n.ts";
import { out, withApp } from "../shared.ts";
import { parsePhone } from "../args.ts";
import type { Command } from "commander";

export function registerTask(program: Command, t: Translate): void {
  program
    .command("task")
    .description(t("cli.help.task"))
    .command("add")
    .description(t("cli.help.taskAdd"))
    .requiredOption("--to <phone>", t("cli.help.taskTo"))
    .requiredOption("--text <text>", t("cli.help.taskText"))
    .requiredOption("--due <when>", t("cli.help.taskDue"))
    .option("--by <phone>", t("cli.help.taskBy"))
    .action(async (opts: { to: string; text: string; due: string; by?: string }) => {
      const to = parsePhone(opts.to);
      const by = opts.by ? parsePhone(opts.by) : null;
      if (!opts.text.trim()) throw UserError.of("cli.taskNoText");
      await withApp(async (app) => {
        const { loadReminderContext } = await import("../../store/settings/calendar.ts");
        const { giveTask } = await import("../../store/work/given.ts");
        const { activeByPhone, admins } = await import("../../store/people/staff.ts");
        const { queueMessages } = await import("../../store/delivery/outbox.ts");
        const now = app.clock.now();
        const today = dayOf(now, app.config.tz);
        const unit = app.config.unitName;
        const person = await activeByPhone(app.db, unit, to);
        if (!person) throw UserError.of("cli.taskNoPerson", { phone: opts.to });
        // Given by the person named, else by the unit's admin: someone the doer can answer.
        const giver = by ? await activeByPhone(app.db, unit, by) : ((await admins(app.db, unit))[0] ?? null);
        if (!giver) throw UserError.of(by ? "cli.taskNoPerson" : "cli.taskNoAdmin", { phone: opts.by ?? "" });
        const { calendar } = await loadReminderContext(
          app.db,
          app.config.unitName,
          app.config.tz,
          Number(today.slice(0, 4)),
        );
        const due = readDeadline(opts.due, today, calendar);
        if (!due.ok) throw UserError.of(`give.deadline.${due.reason}`, { text: opts.due });
        const year = Number(due.date.slice(0, 4));
        const given = await giveTask(app.db, {
          unitName: app.config.unitName,
          year,
          giverId: giver.id,
          toStaffId: person.id,
          content: opts.text.trim(),
          dueDate: due.date,
          defaultPlanTitle: app.t("plan.defaultTitle", { year }),
          areaTitle: app.t("give.areaTitle"),
          now,
        });
        const tt = translator((person.locale as Locale | null) ?? app.config.locale);
        // The running bot sends it from the outbox, in the doer's language.
        await queueMessages(app.db, {
          kind: "notify",
          now,
          messages: [
            {
              staffId: person.id,
              payload: {
                kind: "text",
                text: tt("give.notice", {
                  by: giver.name,
                  ref: given.ref,
                  what: opts.text.trim(),
                  due: displayDate(due.date),
                }),
              },
            },
          ],
        });
        out(app.t("give.given", { ref: given.ref, name: person.name, due: displayDate(due.date) }));
      });
    });
}
