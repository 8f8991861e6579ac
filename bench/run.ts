/** `npm run bench`: every benchmark, each printed next to its baseline from the same run. */
import { benchBroadcast } from "./broadcast.ts";
import { benchChatImport } from "./chat-import.ts";
import { benchEvidence } from "./evidence.ts";
import { benchImport } from "./import.ts";
import { benchInbound } from "./inbound.ts";
import { benchReport } from "./report.ts";
import { benchScheduler } from "./scheduler.ts";
import { benchStartup } from "./startup.ts";

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  import: benchImport,
  chatImport: benchChatImport,
  inbound: benchInbound,
  scheduler: benchScheduler,
  report: benchReport,
  broadcast: benchBroadcast,
  evidence: benchEvidence,
  startup: benchStartup,
};
console.log(`node ${process.version}, ${new Date().toISOString()}`);
for (const [name, run] of Object.entries(benches)) if (!only || only === name) await run();
