/**
 * Beside's log. It is written for an operator and must never hold anything
 * about a participant: no address, no user agent, no device secret, no answer.
 * Callers pass only the fields named here.
 */
export type LogLevel = "silent" | "error" | "info";

export interface LogFields {
  [key: string]: string | number | boolean | undefined;
}

export interface Logger {
  info(message: string, fields?: LogFields): void;
  /** Something an operator should act on, though Beside keeps running. Shown at every level but silent. */
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const rank: Record<LogLevel, number> = { silent: 0, error: 1, info: 2 };
/** The level a message needs to be shown: warnings show wherever errors do. */
const needs: Record<"info" | "warn" | "error", number> = { error: 1, warn: 1, info: 2 };

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const log = (at: "info" | "warn" | "error", message: string, fields?: LogFields) => {
    if (rank[level] < needs[at]) return;
    const extra = fields
      ? Object.entries(fields)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
          .join("")
      : "";
    write(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${extra}`);
  };
  return { info: (m, f) => log("info", m, f), warn: (m, f) => log("warn", m, f), error: (m, f) => log("error", m, f) };
}

/** An error's message and stack, for the log. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
