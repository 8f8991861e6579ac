// CI, right after `npm ci` on a fresh clone: the launchers must run the
// install-time build, not the sources through tsx (seconds at every start).
import { runsBuild } from "../bin/launch.js";

if (!runsBuild()) {
  console.error("bin/launch.js would run src/ through tsx after a fresh install: dist/built-at is older than a source");
  process.exit(1);
}
console.log("launchers run dist/ (the install-time build)");
