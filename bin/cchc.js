#!/usr/bin/env node
// `npx cchc …`: runs the TypeScript CLI through tsx, as `npm start` runs the bot.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv);
