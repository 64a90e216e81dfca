import { describe, expect, it } from "vitest";

import { ConfigError, parseConfig } from "./env.server";

/** The ConfigError parseConfig throws for env, or fails the test if it doesn't throw one. */
function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("parseConfig", () => {
  it("uses the defaults when nothing is set", () => {
    expect(parseConfig({})).toEqual({
      NODE_ENV: "production",
      PORT: 3000,
      HOST: "localhost",
      DATABASE_FILE: "data/beside.db",
      PLANS_DIR: "content/plans",
      COURSES_DIR: "content/courses",
      HELP_FILE: "content/help.yaml",
      DISTRESS_DIR: "content/distress",
      GUIDE_DIR: "content/guide",
      PLAN_TEMPLATE_FILE: "content/templates/plan.md",
      DEFAULT_K: 5,
      ALLOWED_ORIGINS: [],
      LOG_LEVEL: "info",
      RETENTION_DAYS: 30,
      SIGNAL_DELAY_SECONDS: 20,
      RELEASE_INTERVAL_SECONDS: 2,
      PARTICIPANTS_PER_ADDRESS: 150,
      TEST_DROP_ACKS: 0,
      REDIS_PERSISTENCE_OK: false,
    });
    expect(parseConfig({}).PUBLIC_URL).toBeUndefined();
  });

  it("drops acknowledgements only in tests: TEST_DROP_ACKS outside NODE_ENV=test stops start-up", () => {
    expect(parseConfig({ NODE_ENV: "test", TEST_DROP_ACKS: "0.3" }).TEST_DROP_ACKS).toBe(0.3);
    expect(configErrorOf({ TEST_DROP_ACKS: "0.3" }).message).toContain("TEST_DROP_ACKS: is for tests only and needs NODE_ENV=test");
    expect(configErrorOf({ NODE_ENV: "test", TEST_DROP_ACKS: "1.5" }).message).toContain("TEST_DROP_ACKS");
  });

  it("ignores variables it doesn't know", () => {
    expect(parseConfig({ PATH: "/usr/bin", HOME: "/root" })).toEqual(parseConfig({}));
  });

  it("takes every setting from the environment", () => {
    expect(
      parseConfig({
        NODE_ENV: "test",
        PORT: "8080",
        HOST: "0.0.0.0",
        DATABASE_FILE: "/var/lib/beside/beside.db",
        PLANS_DIR: "/srv/plans",
        COURSES_DIR: "/srv/courses",
        HELP_FILE: "/srv/help.yaml",
        DISTRESS_DIR: "/srv/distress",
        GUIDE_DIR: "/srv/guide",
        PLAN_TEMPLATE_FILE: "/srv/plan-template.md",
        PUBLIC_URL: "https://beside.example.org",
        DEFAULT_K: "3",
        ALLOWED_ORIGINS: "https://a.example.org",
        LOG_LEVEL: "silent",
        RETENTION_DAYS: "90",
        SIGNAL_DELAY_SECONDS: "0",
        RELEASE_INTERVAL_SECONDS: "0.5",
        PARTICIPANTS_PER_ADDRESS: "400",
        TEST_DROP_ACKS: "0.25",
        DATABASE_URL: "postgres://beside@db.example.org:5432/beside",
        REDIS_URL: "rediss://beside:secret@redis.example.org:6380",
        REDIS_PERSISTENCE_OK: "1",
      }),
    ).toEqual({
      NODE_ENV: "test",
      PORT: 8080,
      HOST: "0.0.0.0",
      DATABASE_FILE: "/var/lib/beside/beside.db",
      PLANS_DIR: "/srv/plans",
      COURSES_DIR: "/srv/courses",
      HELP_FILE: "/srv/help.yaml",
      DISTRESS_DIR: "/srv/distress",
      GUIDE_DIR: "/srv/guide",
      PLAN_TEMPLATE_FILE: "/srv/plan-template.md",
      PUBLIC_URL: "https://beside.example.org",
      DEFAULT_K: 3,
      ALLOWED_ORIGINS: ["https://a.example.org"],
      LOG_LEVEL: "silent",
      RETENTION_DAYS: 90,
      SIGNAL_DELAY_SECONDS: 0,
      RELEASE_INTERVAL_SECONDS: 0.5,
      PARTICIPANTS_PER_ADDRESS: 400,
      TEST_DROP_ACKS: 0.25,
      DATABASE_URL: "postgres://beside@db.example.org:5432/beside",
      REDIS_URL: "rediss://beside:secret@redis.example.org:6380",
      REDIS_PERSISTENCE_OK: true,
    });
  });

  it("takes REDIS_URL only with a PostgreSQL database: several processes can't share a SQLite file", () => {
    const pg = "postgres://beside@db.example.org:5432/beside";
    expect(parseConfig({ DATABASE_URL: pg, REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(configErrorOf({ REDIS_URL: "redis://127.0.0.1:6379" }).message).toContain("REDIS_URL: needs DATABASE_URL");
    expect(configErrorOf({ DATABASE_URL: pg, REDIS_URL: "http://127.0.0.1:6379" }).message).toContain("REDIS_URL: must be a redis:// or rediss:// URL");
    expect(configErrorOf({ REDIS_PERSISTENCE_OK: "yes" }).message).toContain("REDIS_PERSISTENCE_OK: must be 1 (or 0)");
  });

  it("accepts PORT 0 (any free port) and DEFAULT_K up to 50", () => {
    expect(parseConfig({ PORT: "0" }).PORT).toBe(0);
    expect(parseConfig({ DEFAULT_K: "50" }).DEFAULT_K).toBe(50);
  });

  it("drops trailing slashes from PUBLIC_URL", () => {
    expect(parseConfig({ PUBLIC_URL: "https://beside.example.org/" }).PUBLIC_URL).toBe("https://beside.example.org");
    expect(parseConfig({ PUBLIC_URL: "http://192.168.1.20:3000//" }).PUBLIC_URL).toBe("http://192.168.1.20:3000");
  });

  // Found by env.fuzz.test.ts: /\/+$/ took seconds on a long run of slashes with text after it.
  it("reads a PUBLIC_URL or ALLOWED_ORIGINS with 100,000 slashes in it in moments", () => {
    const url = `https://beside.example.org/${"/".repeat(100_000)}x`;
    const started = performance.now();
    expect(parseConfig({ PUBLIC_URL: `${url}/` }).PUBLIC_URL).toBe(url);
    expect(parseConfig({ ALLOWED_ORIGINS: `${url}//` }).ALLOWED_ORIGINS).toEqual([url]);
    // It took 50 s; now a few milliseconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("splits ALLOWED_ORIGINS on commas, trimming spaces, trailing slashes and empty entries", () => {
    expect(parseConfig({ ALLOWED_ORIGINS: " https://a.example.org/ ,https://b.example.org:8443,, " }).ALLOWED_ORIGINS).toEqual([
      "https://a.example.org",
      "https://b.example.org:8443",
    ]);
  });

  it("treats empty strings as unset", () => {
    expect(
      parseConfig({ PORT: "", HOST: "", DATABASE_FILE: "", HELP_FILE: "", PUBLIC_URL: "", DEFAULT_K: "", ALLOWED_ORIGINS: "", NODE_ENV: "", LOG_LEVEL: "" }),
    ).toEqual(parseConfig({}));
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["PORT", "3000.5"],
    ["DEFAULT_K", "2"],
    ["DEFAULT_K", "0"],
    ["DEFAULT_K", "51"],
    ["DEFAULT_K", "five"],
    ["PUBLIC_URL", "not a url"],
    ["PUBLIC_URL", "beside.example.org"],
    ["ALLOWED_ORIGINS", "https://a.example.org,not-an-origin"],
    ["LOG_LEVEL", "debug"],
    ["NODE_ENV", "staging"],
  ])("refuses %s=%j with a ConfigError naming the variable", (name, value) => {
    const error = configErrorOf({ [name]: value });
    expect(error.name).toBe("ConfigError");
    expect(error.message).toContain("Beside cannot start");
    expect(error.message).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  it("keeps one line per bad variable when a value has a line break in it", () => {
    const lines = configErrorOf({ LOG_LEVEL: "in\nfo", NODE_ENV: "te\r\nst" }).message.split("\n").slice(1);
    expect(lines).toEqual([expect.stringMatching(/^ {2}NODE_ENV: .*te\\r\\nst/), expect.stringMatching(/^ {2}LOG_LEVEL: .*in\\nfo/)]);
  });

  it("names every bad variable at once", () => {
    const error = configErrorOf({ PORT: "abc", DEFAULT_K: "1", HOST: "ok" });
    expect(error.message).toMatch(/^ {2}PORT: /m);
    expect(error.message).toMatch(/^ {2}DEFAULT_K: /m);
    expect(error.message).not.toContain("HOST");
  });

  // BUG: Number("  ") is 0, so a PORT of only spaces silently becomes port 0
  // (a random free port) instead of being refused or treated as unset.
  it("does not turn a PORT of only spaces into port 0", () => {
    let port: number | "refused";
    try {
      port = parseConfig({ PORT: "  " }).PORT;
    } catch {
      port = "refused";
    }
    expect(port).not.toBe(0);
  });
});
