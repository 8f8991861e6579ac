#!/usr/bin/env node
// `npm start`: the built bot, or the TypeScript through tsx when the build is missing or older than the sources.
import { entry } from "./launch.js";

await entry("main", "src/main.ts");
