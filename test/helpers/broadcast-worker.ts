/** The outbox sender in its own process: `broadcast-worker.ts <database url> <api root> <token>`; drains, then exits. */
import { TelegramChannel } from "../../src/channels/telegram/channel.ts";
import { systemClock } from "../../src/domain/calendar.ts";
import { createLogger } from "../../src/logger.ts";
import { outboxExpander } from "../../src/scheduler/broadcast.ts";
import { OutboxSender } from "../../src/delivery/sender.ts";
import { openDb } from "../../src/store/db/db.ts";

const [file, apiRoot, token] = process.argv.slice(2) as [string, string, string];
const db = await openDb(file);
const channel = new TelegramChannel({ token, apiRoot });
const sender = new OutboxSender(
  db,
  (_c, chatId, reply) => channel.send(chatId, reply),
  systemClock,
  createLogger("silent"),
  ["telegram"],
  {
    pace: { perSecond: 200, perChatMs: 1000 },
    expand: outboxExpander(db, "vi"),
  },
);
await sender.recover();
await sender.drain();
await db.$disconnect();
process.stdout.write("drained\n");
