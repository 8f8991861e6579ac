import type { App } from "../app.ts";
import type { Locale, Translate } from "../i18n.ts";
import type { SendFn } from "../delivery/sender.ts";
import { addressesOf } from "../store/people/identities.ts";
import { adminIds } from "../store/people/staff.ts";
import { translator } from "../i18n.ts";

/**
 * A message to the deployment unit's admins on Telegram (Zalo itself may be
 * what is down); in a province, the units' own admins do not run the server.
 */
export async function tellAdmins(app: App, build: (t: Translate) => string, sendTo: SendFn): Promise<void> {
  for (const a of await addressesOf(app.db, await adminIds(app.db, app.config.unitName))) {
    if (a.platform !== "telegram") continue;
    await sendTo("telegram", a.chatId, {
      kind: "text",
      text: build(translator((a.locale as Locale | null) ?? app.config.locale)),
    });
  }
}
