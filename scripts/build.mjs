// Builds the TypeScript into dist/ once, at install time, so `cchc` and
// `npm start` do not transpile on every start. Packages stay external: native
// modules (better-sqlite3, @napi-rs/canvas) and everything in node_modules
// load as they are. Runs under `npm ci --omit=dev` too: esbuild is a dependency.
import { build } from "esbuild";

// Small pure-JS packages of many ESM files go into the build: Node resolves and
// compiles each file of a package on its own, and zod alone costs ~70 ms of
// a CLI start that way (bench: startup). The rest stays external: native
// modules, the Prisma client's runtime, and the large libraries loaded only
// by the commands that need them.
const BUNDLED = new Set(["zod", "date-fns", "@date-fns/tz", "i18next", "commander", "dotenv"]);
const pkg = JSON.parse(fs.readFileSync(path.join(path.resolve(import.meta.dirname, ".."), "package.json"), "utf8"));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);
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
  external,
  // A bundled CommonJS package (commander, dotenv) still requires Node's own modules.
  banner: {
    js: 'import { createRequire as __cchcRequire } from "node:module"; const require = __cchcRequire(import.meta.url);',
  },
  sourcemap: "linked",
  // Chunks beside the entries: code finds locales/ and the parse worker relative to its own file.
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
// What the launchers compare with the sources' newest change, to never run a stale build.
fs.writeFileSync(path.join(root, "dist", "built-at"), String(Date.now()));
