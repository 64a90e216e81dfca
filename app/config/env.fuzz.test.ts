import { describe, expect, it } from "vitest";

import { MAX_K, MIN_K } from "~/domain/rules";

import { describeThrown, fuzzSeeds, fuzzTimeout, type Random, randomText, seededRandom, slowTwice, timed } from "../../tests/helpers/fuzz";

import { ConfigError, parseConfig, type Config } from "./env.server";

/**
 * Issue 5: whatever the environment holds, Beside starts with settings in range or stops
 * with a ConfigError naming each bad variable, never another error or a hang.
 * Reproduce a failure with FUZZ_SEED=<seed> FUZZ_RUNS=1.
 */

/** A value that works for each variable, so a mutant mixes good and bad ones. */
const GOOD: Record<keyof Config, string> = {
  NODE_ENV: "test",
  PORT: "8080",
  HOST: "0.0.0.0",
  DATABASE_FILE: "data/beside.db",
  DATABASE_URL: "postgres://beside:secret@db.example.org:5432/beside",
  REDIS_URL: "redis://beside:secret@redis.example.org:6379",
  REDIS_PERSISTENCE_OK: "1",
  PLANS_DIR: "content/plans",
  COURSES_DIR: "content/courses",
  HELP_FILE: "content/help.yaml",
  DISTRESS_DIR: "content/distress",
  GUIDE_DIR: "content/guide",
  PLAN_TEMPLATE_FILE: "content/templates/plan.md",
  PUBLIC_URL: "https://beside.example.org/",
  DEFAULT_K: "5",
  ALLOWED_ORIGINS: "https://a.example.org, https://b.example.org:8443/",
  LOG_LEVEL: "silent",
  RETENTION_DAYS: "30",
  SIGNAL_DELAY_SECONDS: "20",
  RELEASE_INTERVAL_SECONDS: "2",
  PARTICIPANTS_PER_ADDRESS: "150",
  SETUP_TOKEN: "a-long-enough-setup-token",
  PSEUDO_LOCALE: "off",
  TEST_DROP_ACKS: "0.5",
};
const NAMES = Object.keys(GOOD) as Array<keyof Config>;

const GARBAGE = [
  "", " ", "\t\n", "0", "-1", "-0", "1.5", "1e3", "1e400", "-1e400", "NaN", "Infinity", "0x10", "0b1", "0o7", "1_000", "+5",
  "99999999999999999999", "65536", "2", "51", "3651", "121", "  42  ", "true", "null", "undefined", "[]", "{}", "production ",
  "PRODUCTION", "Test", "debug", "http://", "https://", "ftp://x.example", "javascript:alert(1)", "http://[::1]:99999",
  "https://a.example/?q=1#x", ",,,", " , https://a.example , ", "https://a.example,not a url", "\0", "\uD800", "😀", "__proto__",
  "constructor", "a".repeat(15), "a".repeat(16), "a".repeat(201),
];

/** Garbage for one variable: a listed one, random characters, a long run (of slashes, say), or a good value bent. */
function garbage(random: Random, name: keyof Config): string {
  switch (random.int(5)) {
    case 0:
      return random.pick(GARBAGE);
    case 1:
      return randomText(random, 40);
    case 2: {
      const run = random.pick(["/", " ", ",", "0", "9", "a", ":", "."]).repeat(1 + random.int(100_000));
      return random.pick([run, `https://a.example/${run}x`, `${run}x`, `https://a.example${run}`]);
    }
    case 3: {
      const good = GOOD[name];
      const p = random.int(good.length + 1);
      return good.slice(0, p) + random.pick(GARBAGE) + good.slice(p + random.int(2));
    }
    default:
      return GOOD[name];
  }
}

/** What is wrong with a config the parser accepted; undefined when every setting is in its range. */
function outOfRange(config: Config): string | undefined {
  const whole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  if (!whole(config.PORT, 0, 65535)) return `PORT ${config.PORT}`;
  if (!whole(config.DEFAULT_K, MIN_K, MAX_K)) return `DEFAULT_K ${config.DEFAULT_K}`;
  if (!whole(config.RETENTION_DAYS, 1, 3650)) return `RETENTION_DAYS ${config.RETENTION_DAYS}`;
  if (!(config.SIGNAL_DELAY_SECONDS >= 0 && config.SIGNAL_DELAY_SECONDS <= 120)) return `SIGNAL_DELAY_SECONDS ${config.SIGNAL_DELAY_SECONDS}`;
  if (!(config.RELEASE_INTERVAL_SECONDS >= 0.05 && config.RELEASE_INTERVAL_SECONDS <= 60)) return `RELEASE_INTERVAL_SECONDS ${config.RELEASE_INTERVAL_SECONDS}`;
  if (!whole(config.PARTICIPANTS_PER_ADDRESS, 1, 100_000)) return `PARTICIPANTS_PER_ADDRESS ${config.PARTICIPANTS_PER_ADDRESS}`;
  if (config.PUBLIC_URL !== undefined && !/^https?:\/\/.*[^/]$/s.test(config.PUBLIC_URL)) return `PUBLIC_URL ${config.PUBLIC_URL}`;
  if (config.ALLOWED_ORIGINS.some((origin) => origin === "" || origin.endsWith("/"))) return `ALLOWED_ORIGINS ${config.ALLOWED_ORIGINS}`;
  if (config.SETUP_TOKEN !== undefined && (config.SETUP_TOKEN.length < 16 || config.SETUP_TOKEN.length > 200)) return "SETUP_TOKEN";
  if (!(config.TEST_DROP_ACKS >= 0 && config.TEST_DROP_ACKS <= 1)) return `TEST_DROP_ACKS ${config.TEST_DROP_ACKS}`;
  if (config.TEST_DROP_ACKS > 0 && config.NODE_ENV !== "test") return `TEST_DROP_ACKS ${config.TEST_DROP_ACKS} outside tests`;
  if (config.REDIS_URL !== undefined && config.DATABASE_URL === undefined) return "REDIS_URL without DATABASE_URL";
  return undefined;
}

describe("an environment of random values", () => {
  it("gives settings in range, or a ConfigError naming only variables that were set, quickly", () => {
    const failures: string[] = [];
    let refused = 0;
    const seeds = fuzzSeeds(3000, 400_000);
    for (const seed of seeds) {
      const random = seededRandom(seed);
      const env: Record<string, string> = { PATH: "/usr/bin", __proto__x: "x" };
      // Each variable set one time in four: with many variables, sets where every value is good must still come up.
      for (const name of NAMES) if (random.int(4) === 0) env[name] = garbage(random, name);
      // REDIS_URL without DATABASE_URL is refused whatever its value (a test above): give it a database, so its own values are tried.
      if (env.REDIS_URL !== undefined && env.DATABASE_URL === undefined) env.DATABASE_URL = GOOD.DATABASE_URL;
      const run = timed(() => parseConfig(env));
      const shown = Object.entries(env).map(([name, value]) => `${name}=${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`);
      const fail = (problem: string) => failures.push(`seed ${seed} (${shown.join(" ")}): ${problem}`);
      if (slowTwice(run.ms, () => parseConfig(env), 1000)) fail(`took ${Math.round(run.ms)} ms`);
      if ("thrown" in run) {
        if (!(run.thrown instanceof ConfigError)) {
          fail(describeThrown(run.thrown));
          continue;
        }
        refused++;
        const [first, ...lines] = run.thrown.message.split("\n");
        if (first !== "Beside cannot start: some settings are not valid." || lines.length === 0) fail(run.thrown.message);
        for (const line of lines) {
          const named = /^ {2}([A-Z_]+)(?:\.\d+)?: \S/.exec(line)?.[1];
          if (!named || !(named in env)) fail(`a line naming no variable that was set: ${line}`);
        }
      } else {
        const problem = outOfRange(run.value!);
        if (problem) fail(`accepted ${problem}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(refused).toBeGreaterThan(seeds.length * 0.2);
    expect(refused).toBeLessThan(seeds.length * 0.99);
  }, fuzzTimeout(30_000));

  it("names the one bad variable when every other is good", () => {
    const random = seededRandom(Number(process.env.FUZZ_SEED ?? 500_000));
    for (let i = 0; i < 300; i++) {
      const name = random.pick(NAMES);
      const env: Record<string, string> = { ...GOOD, [name]: random.pick(GARBAGE) };
      const run = timed(() => parseConfig(env));
      if ("thrown" in run) expect(run.thrown, `${name}=${JSON.stringify(env[name])}`).toBeInstanceOf(ConfigError);
      const lines = run.thrown instanceof Error ? run.thrown.message.split("\n").slice(1) : [];
      // An empty DATABASE_URL is unset, which REDIS_URL's line names: it needs one.
      const named = name === "DATABASE_URL" ? `(${name}|REDIS_URL)` : name;
      for (const line of lines) expect(line, `${name}=${JSON.stringify(env[name])}`).toMatch(new RegExp(`^ {2}${named}\\b`));
    }
  });
});
