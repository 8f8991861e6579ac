import pino, { type Logger } from "pino";

export type { Logger };

/** Structured logs to stderr; stdout belongs to the console channel and the CLI. */
export function createLogger(level = "info", destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: undefined }, destination);
}
