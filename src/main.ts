/** `npm start`: the bot process. */
import { startApp } from "./app.ts";
import { seedDemoIfEmpty } from "./demo.ts";
import { UserError } from "./errors.ts";
import { translator } from "./i18n.ts";
import { counts } from "./store/overview.ts";

async function main(): Promise<number> {
  let app;
  try {
    app = await startApp();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    for (const line of e.render(translator(process.env.DEFAULT_LOCALE === "en" ? "en" : "vi"))) process.stderr.write(`${line}\n`);
    return 1;
  }
  const { t, config } = app;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(t("start.migrated", { path: config.databasePath }));
  if (await seedDemoIfEmpty(app)) log(t("start.seeded"));
  log(t("start.summary", { year: config.planYear, ...(await counts(app.db, config.planYear)) }));
  log(t("start.waiting"));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await app.close();
  log(t("start.stopped"));
  return 0;
}

process.exitCode = await main();
