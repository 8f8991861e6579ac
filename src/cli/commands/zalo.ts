/** `cchc zalo login|invite`. */
import path from "node:path";
import { UserError } from "../../errors.ts";
import { displayPhone } from "../../domain/phone.ts";
import { err, out, withApp } from "../shared.ts";
import { loadDotenvFile, parseConfig, readZaloCredentials } from "../../config.ts";
import type { Command } from "commander";
import { translator, type Translate } from "../../i18n.ts";

export function registerZalo(program: Command, t: Translate): void {
  const zalo = program.command("zalo").description(t("cli.help.zalo"));
  zalo
    .command("login")
    .description(t("cli.help.zaloLogin"))
    .action(async () => {
      loadDotenvFile();
      const config = parseConfig(process.env);
      const { zaloLogin } = await import("../zalo.ts");
      await zaloLogin({
        credentialsFile: config.zaloCredentialsFile,
        qrPng: path.join(config.dataDir, "zalo-qr.png"),
        t: translator(config.locale),
        err,
      });
    });
  zalo
    .command("invite")
    .description(t("cli.help.zaloInvite"))
    .option("--department <name>", t("cli.help.department"))
    .action(async (opts: { department?: string }) => {
      await withApp(async (app) => {
        const credentials = readZaloCredentials(app.config.zaloCredentialsFile);
        if (!credentials) throw UserError.of("zalo.noCredentials");
        // zca-js takes a quarter of a second to load: only for the Zalo commands.
        const [{ loginWithCredentials }, { inviteOverZalo }] = await Promise.all([
          import("../../channels/zalo/session.ts"),
          import("../zalo.ts"),
        ]);
        const api = await loginWithCredentials(credentials);
        const r = await inviteOverZalo(app.db, api, {
          unitName: app.config.unitName,
          ...(opts.department ? { department: opts.department } : {}),
          now: app.clock.now(),
          ttlDays: app.config.inviteTtlDays,
          t: app.t,
        });
        if (!r) throw UserError.of("cli.unknownDepartment", { department: opts.department ?? "" });
        out(app.t("zalo.invited", { count: r.sent.length }));
        if (r.notOnZalo.length) {
          out(app.t("zalo.notOnZalo", { count: r.notOnZalo.length }));
          for (const p of r.notOnZalo) out(`  ${p.name} — ${displayPhone(p.phone)}`);
        }
      });
    });
}
