// Picks what to run: the install-time build in dist/ when it is newer than
// every source file, else the TypeScript itself through tsx. A developer who
// edits src/ never runs a stale build; a server that only installed never
// pays for transpiling at each start.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return Number(fs.readFileSync(path.join(root, "dist", "built-at"), "utf8"));
  } catch {
    return 0;
  }
}

/** The module to import for an entry: "cli" or "main". */
export async function entry(name, sourcePath) {
  if (process.env.CCHC_FROM_SOURCE !== "1" && builtAt() >= newestSource(path.join(root, "src")))
    return import(path.join(root, "dist", `${name}.js`));
  const { register } = await import("tsx/esm/api");
  register();
  return import(path.join(root, sourcePath));
}
