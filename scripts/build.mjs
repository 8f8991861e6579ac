// Builds the TypeScript into dist/ once, at install time, so `cchc` and
// `npm start` do not transpile on every start. Packages stay external: native
// modules (better-sqlite3, @napi-rs/canvas) and everything in node_modules
// load as they are. Runs under `npm ci --omit=dev` too: esbuild is a dependency.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: "src/main.ts", cli: "src/cli/main.ts", "parse-worker": "src/import/parse-worker.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  // Chunks beside the entries: code finds locales/ and the parse worker relative to its own file.
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
// What the launchers compare with the sources' newest change, to never run a stale build.
fs.writeFileSync(path.join(root, "dist", "built-at"), String(Date.now()));
