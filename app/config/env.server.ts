import { z } from "zod";

import { MAX_K, MIN_K } from "~/domain/rules";

/** The text without slashes at its end. Not /\/+$/, which takes seconds on a long run of slashes followed by more text. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === "/") end--;
  return text.slice(0, end);
}

/**
 * Everything Beside reads from the environment, parsed once at boot.
 * A bad value stops start-up with a message that names the variable.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  DATABASE_FILE: z.string().min(1).default("data/beside.db"),
  /**
   * A PostgreSQL database instead of the SQLite file (issue 20): postgres://user:password@host:port/database. Its
   * migrations are applied at start, one process at a time. Unset: the SQLite file DATABASE_FILE.
   */
  DATABASE_URL: z
    .string()
    .refine((url) => /^postgres(ql)?:\/\/[^\s]+$/.test(url), "must be a postgres:// URL (postgres://user:password@host:5432/database)")
    .optional(),
  /**
   * Redis for several Beside processes (issue 20): redis://[user:password@]host:port or rediss:// for TLS. Needs
   * DATABASE_URL: processes share a PostgreSQL database, never a SQLite file.
   */
  REDIS_URL: z
    .string()
    .refine((url) => /^rediss?:\/\/[^\s]+$/.test(url), "must be a redis:// or rediss:// URL (redis://host:6379)")
    .optional(),
  /** "1": start even when Redis keeps its data on disk (snapshots or an append-only file), which Beside refuses otherwise. */
  REDIS_PERSISTENCE_OK: z.enum(["0", "1"], { errorMap: () => ({ message: "must be 1 (or 0)" }) }).default("0").transform((value) => value === "1"),
  PLANS_DIR: z.string().min(1).default("content/plans"),
  /** Built-in courses: YAML files, each an ordered list of plan ids from PLANS_DIR (see content/README.md). */
  COURSES_DIR: z.string().min(1).default("content/courses"),
  /** The crisis and support resources on the "Get help" page (YAML, by locale; see the file's header). Read at start-up. */
  HELP_FILE: z.string().min(1).default("content/help.yaml"),
  /** The folder of distress lists, one file per language (en.txt; see content/README.md). Read at start-up. */
  DISTRESS_DIR: z.string().min(1).default("content/distress"),
  /** The facilitator guide's Markdown pages, in the order its README.md lists them. Read and checked at start-up. */
  GUIDE_DIR: z.string().min(1).default("content/guide"),
  /** What the library's "New plan" starts from: a plan file that must have no errors. Read and checked at start-up. */
  PLAN_TEMPLATE_FILE: z.string().min(1).default("content/templates/plan.md"),
  /** Where phones reach this server, when it differs from what the browser shows (a proxy, a LAN name). */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), "must start with http:// or https://")
    .transform(withoutTrailingSlashes)
    .optional(),
  /** Smallest number of answers (passes excluded) before anyone sees a prompt's results. */
  DEFAULT_K: z.coerce.number().int().min(MIN_K).max(MAX_K).default(5),
  /** Extra origins allowed to open a realtime connection (comma separated), for deployments behind a proxy. */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => withoutTrailingSlashes(origin.trim()))
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url())),
  LOG_LEVEL: z.enum(["silent", "error", "info"]).default("info"),
  /** Days after a run ends before its free text and word-cloud words are deleted (counts stay). */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * A phone's "I need a pause" reaches the console after a random delay of up
   * to this many seconds (at least a quarter of it), so its timing doesn't point at anyone.
   */
  SIGNAL_DELAY_SECONDS: z.coerce.number().min(0).max(120).default(20),
  /**
   * Answers to a question whose results are up while it is open are released in batches on the server's own
   * clock, every this many seconds, never by the tap that completes a batch.
   */
  RELEASE_INTERVAL_SECONDS: z.coerce.number().min(0.05).max(60).default(2),
  /**
   * How many phones of one run may be connected at once from one network address (a venue's Wi-Fi shares one),
   * so that one person can't bring a crowd of scripted phones. Counted in memory only; the address is never kept.
   */
  PARTICIPANTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(150),
  /**
   * The secret in the first organiser's setup link. Normally left unset: a
   * random one is printed at start-up while no account exists. Set it where
   * the server's output can't be read (some hosted containers).
   */
  SETUP_TOKEN: z.string().min(16, "must be at least 16 characters").max(200).optional(),
  /**
   * Lets plans and browsers pick the pseudo-locale (en-XB: accented, a third longer, right to left), to find
   * layout mistakes before a real translation does. Off unless NODE_ENV=development, or set to "on".
   */
  PSEUDO_LOCALE: z.enum(["on", "off"]).optional(),
  /**
   * Tests only: the share (0–1) of committed answers whose acknowledgement the server drops, as a
   * flaky network would, to prove that phones sending again store nothing twice. Refused outside NODE_ENV=test.
   */
  TEST_DROP_ACKS: z.coerce.number().min(0).max(1).default(0),
})
  .refine((config) => config.TEST_DROP_ACKS === 0 || config.NODE_ENV === "test", {
    path: ["TEST_DROP_ACKS"],
    message: "is for tests only and needs NODE_ENV=test",
  })
  .refine((config) => config.REDIS_URL === undefined || config.DATABASE_URL !== undefined, {
    path: ["REDIS_URL"],
    message: "needs DATABASE_URL: several Beside processes share one PostgreSQL database, never a SQLite file (unset REDIS_URL for one process)",
  });

export type Config = z.infer<typeof envSchema>;

/** A problem stays on its own line of a message even when it quotes text with a line break in it (written "\n"). */
export function oneLine(text: string): string {
  return text.replace(/\r|\n/g, (c) => (c === "\n" ? "\\n" : "\\r"));
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    // One line per variable, even when the message quotes a value with a line break in it.
    (issue) => `  ${issue.path.join(".") || "(environment)"}: ${oneLine(issue.message)}`,
  );
  throw new ConfigError(`Beside cannot start: some settings are not valid.\n${lines.join("\n")}`);
}
