/** The worker side of parseOffThread: one file in, its ParsedFile out. */
import { parentPort, workerData } from "node:worker_threads";
import { parseTableFile } from "./parse-file.ts";

parentPort!.postMessage(await parseTableFile(workerData));
