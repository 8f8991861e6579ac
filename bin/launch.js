// Picks what to run: the install-time build in dist/ when it is newer than
// every source file, else the TypeScript itself through tsx. A developer who
// edits src/ never runs a stale build; a server that only installed never
// pays for transpiling at each start.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

// Outputs, not sources: `prisma generate` writes src/generated/ at install,
// sometimes after the build (npm ci, the Docker image's copy), and that must
// not make the build look stale. Its source, the schema, does count.
const GENERATED = path.join(root, "src", "generated");
const SCHEMA = path.join(root, "prisma", "schema.prisma");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (p === GENERATED) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function schemaChanged() {
  try {
    return fs.statSync(SCHEMA).mtimeMs;
  } catch {
    return 0;
  }
}

function builtAt() {
  try {
    return Number(fs.readFileSync(path.join(root, "dist", "built-at"), "utf8"));
  } catch {
    return 0;
  }
}

/** True when the launchers run dist/; false when they would take the sources through tsx. */
export function runsBuild() {
  if (process.env.CCHC_FROM_SOURCE === "1") return false;
  const built = builtAt();
  return built > 0 && built >= Math.max(newestSource(path.join(root, "src")), schemaChanged());
}

/** The module to import for an entry: "cli" or "main". */
export async function entry(name, sourcePath) {
  if (runsBuild()) return import(path.join(root, "dist", `${name}.js`));
  const { register } = await import("tsx/esm/api");
  register();
  return import(path.join(root, sourcePath));
}
