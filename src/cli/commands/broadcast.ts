/** `cchc broadcast send|status`: notices queued for the running bot. */
import fs from "node:fs";
import path from "node:path";
import { mimeOf } from "../../domain/evidence.ts";
import { UserError } from "../../errors.ts";
import { displayPhone } from "../../domain/phone.ts";
import { err, out, withApp } from "../shared.ts";
import { parseAudience } from "../../domain/audience.ts";
import { whenText } from "../../ui/format.ts";
import type { Command } from "commander";
import type { Translate } from "../../i18n.ts";

export function registerBroadcast(program: Command, t: Translate): void {
  const broadcast = program.command("broadcast").description(t("cli.help.broadcast"));
  broadcast
    .command("send")
    .description(t("cli.help.broadcastSend"))
    .requiredOption("--text-file <file>", t("cli.help.textFile"))
    .option("--attach <file>", t("cli.help.attach"))
    .option("--department <names>", t("cli.help.departments"))
    .option("--wait", t("cli.help.wait"))
    .option("--now", t("cli.help.sendNow"))
    .action(async (opts: { textFile: string; attach?: string; department?: string; wait?: boolean; now?: boolean }) => {
      let text: string;
      let attachment: { kind: "document" | "photo"; name: string; data: Buffer; mime: string } | undefined;
      try {
        text = fs.readFileSync(opts.textFile, "utf8").trim();
        if (opts.attach)
          attachment = {
            kind: /\.(png|jpe?g)$/i.test(opts.attach) ? "photo" : "document",
            name: path.basename(opts.attach),
            data: fs.readFileSync(opts.attach),
            mime: mimeOf(opts.attach),
          };
      } catch (e) {
        throw UserError.of("import.notFound", { file: String((e as NodeJS.ErrnoException).path ?? opts.textFile) });
      }
      if (!text) throw UserError.of("import.empty", { file: opts.textFile });
      const parsed = parseAudience(opts.department ?? "");
      if (!parsed.ok) throw UserError.of("broadcast.unknownRoleCli", { role: parsed.unknownRole });
      await withApp(async (app) => {
        const { broadcastStats, queueNotice, reachTotals } = await import("../../store/notices/broadcasts.ts");
        const r = await queueNotice(app.db, {
          unitName: app.config.unitName,
          senderId: null,
          text,
          ...(attachment ? { attachment } : {}),
          audience: parsed.audience,
          now: app.clock.now(),
          tz: app.config.tz,
          sendNow: opts.now ?? false,
        });
        const { notBefore } = r;
        // A bot running on this database sends it now rather than at its next look at the outbox.
        (await import("../../store/delivery/nudge.ts")).nudgeOutbox(app.config.databasePath);
        if (notBefore) err(app.t("broadcast.heldUntil", { when: whenText(app.t, notBefore, app.config.tz) }));
        out(String(r.id));
        err(app.t("broadcast.sent", { id: r.id, count: r.reachable, unreachable: r.unreachable.length }));
        for (const u of r.unreachable) err(`  ${u.name} — ${displayPhone(u.phone)}`);
        if (!opts.wait) return;
        // The running bot delivers it; follow its progress, bounded by a day.
        let sum = reachTotals([]);
        for (let i = 0; i < 86_400; i++) {
          const s = await broadcastStats(app.db, r.id, app.clock.now());
          sum = reachTotals(s!.departments);
          if (sum.pending === 0) break;
          err(app.t("broadcast.waiting", { id: r.id, ...sum }));
          await new Promise((res) => setTimeout(res, 1000));
        }
        // One closing line, for a person and for a script's log.
        out(app.t(sum.pending ? "broadcast.waitGaveUp" : "broadcast.waitDone", { id: r.id, ...sum }));
      });
    });
  broadcast
    .command("status <id>")
    .description(t("cli.help.broadcastStatus"))
    .action(async (rawId: string) => {
      await withApp(async (app) => {
        const { broadcastStats } = await import("../../store/notices/broadcasts.ts");
        const s = await broadcastStats(app.db, Number(rawId), app.clock.now());
        if (!s) throw UserError.of("cli.noBroadcast", { id: rawId });
        out(app.t("broadcast.statsTitle", { id: s.id, text: s.text.replace(/\s+/g, " ").slice(0, 60) }));
        for (const d of s.departments) out(app.t("broadcast.statsLine", { ...d }));
        if (s.contactDirectly.length) {
          out(app.t("broadcast.contactDirectly", { count: s.contactDirectly.length }));
          for (const u of s.contactDirectly)
            out(`  ${u.name} — ${displayPhone(u.phone)} (${app.t(`broadcast.reason.${u.reason}`)})`);
        }
      });
    });
}
