#!/usr/bin/env node
// `npx cchc …`: the built CLI, or the TypeScript through tsx when the build is missing or older than the sources.
import { entry } from "./launch.js";

const { runCli } = await entry("cli", "src/cli/main.ts");
process.exitCode = await runCli(process.argv);
