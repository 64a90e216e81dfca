import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { parseConfig } from "~/config/env.server";

/**
 * The Dockerfile and compose.yaml (issue 20), read rather than run: no Docker engine runs on the machines Beside is
 * developed and tested on. The same topology runs natively in tests/integration/cluster.test.ts (scripts/services.ts).
 */
const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

interface Service {
  image?: string;
  build?: string | { context?: string };
  command?: string | string[];
  environment?: Record<string, string | number> | string[];
  volumes?: (string | { source?: string; target?: string; read_only?: boolean })[];
  ports?: (string | { published?: string | number; target?: number })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { disable?: boolean; test?: string | string[] };
}

// `merge`: the file shares the Beside services' settings through a YAML anchor and `<<`.
const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

/** What an operator puts in .env beside compose.yaml (its header lists them). */
const dotEnv: Record<string, string> = {
  POSTGRES_PASSWORD: "s3cret",
  SETUP_TOKEN: "a-setup-token-of-24-chars",
  PUBLIC_URL: "http://192.168.1.23:8080",
};

/** Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME:?error} (an unset required one throws). */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (vars[name]) return vars[name];
    if (kind === "?") throw new Error(`${name}: ${rest}`);
    return kind === "-" ? rest! : "";
  });
}

/** A service's environment as a map, whether written as a map or as a list of NAME=value, with .env's values in. */
function environment(service: Service, vars = dotEnv): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)])
    : Object.entries(env).map(([name, value]) => [name, String(value)]);
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolate(value!, vars)]));
}

/** A service's depends_on as a map of service to condition, whether written as a list or a map. */
function dependsOn(service: Service): Record<string, string | undefined> {
  const depends = service.depends_on ?? {};
  if (Array.isArray(depends)) return Object.fromEntries(depends.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(depends).map(([name, { condition }]) => [name, condition]));
}

const named = (prefix: string) => Object.entries(services).filter(([, service]) => service.image?.startsWith(prefix));
const builtHere = (service: Service) =>
  service.build === "." || (typeof service.build === "object" && [".", "./", undefined].includes(service.build.context));
const beside = Object.entries(services).filter(([, service]) => builtHere(service));

/** The Dockerfile's instructions by stage: continuation lines joined, comments dropped. */
function dockerfileStages(text: string) {
  const lines = text.replace(/\\\n/g, " ").split("\n");
  const stages: { from: string; name?: string; instructions: { keyword: string; args: string }[] }[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    if (keyword.toUpperCase() === "FROM") {
      const [from = "", , name] = args.split(/\s+/);
      stages.push({ from, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, " ") });
    }
  }
  return stages;
}

const stages = dockerfileStages(read("Dockerfile"));
const runtime = stages.at(-1)!;
const runtimeArgs = (keyword: string) =>
  runtime.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
/** The runtime stage's ENV, written NAME=value. */
const runtimeEnv = Object.fromEntries(
  runtimeArgs("ENV").flatMap((args) => [...args.matchAll(/(\w+)=(\S+)/g)].map((match) => [match[1]!, match[2]!])),
);

describe("compose.yaml", () => {
  it("runs two Beside processes from this repository's image, on the PostgreSQL and the Redis it starts", () => {
    expect(beside.map(([name]) => name)).toHaveLength(2);
    const [[postgresName]] = named("postgres:") as [[string, Service]];
    const [[redisName]] = named("redis:") as [[string, Service]];
    for (const [, service] of beside) {
      const env = environment(service);
      const database = new URL(env.DATABASE_URL!);
      expect(database.protocol).toBe("postgres:");
      expect(database.hostname).toBe(postgresName);
      expect(database.port || "5432").toBe("5432");
      const redis = new URL(env.REDIS_URL!);
      expect(redis.protocol).toBe("redis:");
      expect(redis.hostname).toBe(redisName);
      expect(redis.port || "6379").toBe("6379");
      // Each process's own setup link would work on that process alone: the first organiser's link must be shared.
      // Behind HAProxy the browser's address isn't the phones' one; the display shows PUBLIC_URL. Secrets have no
      // default: compose stops, naming the variable, until .env gives them.
      expect(env.SETUP_TOKEN).toBe(dotEnv.SETUP_TOKEN);
      expect(env.PUBLIC_URL).toBe(dotEnv.PUBLIC_URL);
      expect(database.password).toBe(dotEnv.POSTGRES_PASSWORD);
      expect(() => environment(service, {})).toThrow(/POSTGRES_PASSWORD/);
      expect(() => environment(service, { ...dotEnv, SETUP_TOKEN: "" })).toThrow(/SETUP_TOKEN/);
      // Beside itself accepts these settings, with the image's.
      const config = parseConfig({ ...runtimeEnv, ...env });
      expect(config).toMatchObject({ HOST: "0.0.0.0", DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL, REDIS_PERSISTENCE_OK: false });
      // Beside waits 10 s for Redis at start and stops: both must answer first.
      expect(dependsOn(service)).toMatchObject({ [postgresName]: "service_healthy", [redisName]: "service_healthy" });
      expect(service.healthcheck?.disable).not.toBe(true);
    }
  });

  it("runs Redis without snapshots or an append-only file, as Beside requires, and with no volume", () => {
    const [[, redis]] = named("redis:") as [[string, Service]];
    const command = redis.command;
    expect(Array.isArray(command)).toBe(true);
    const args = command as string[];
    expect(args[args.indexOf("--save") + 1]).toBe("");
    expect(args.indexOf("--save")).toBeGreaterThan(0);
    expect(args[args.indexOf("--appendonly") + 1]).toBe("no");
    expect(args.indexOf("--appendonly")).toBeGreaterThan(0);
    expect(redis.volumes ?? []).toEqual([]);
  });

  it("keeps PostgreSQL's data in a volume", () => {
    const [[, postgres]] = named("postgres:") as [[string, Service]];
    expect(
      postgres.volumes?.some((volume) => (typeof volume === "string" ? volume.split(":")[1] : volume.target) === "/var/lib/postgresql/data"),
    ).toBe(true);
  });

  it("puts HAProxy in front with deploy/haproxy.cfg unchanged, naming both Beside processes on their port", () => {
    const [[, haproxy]] = named("haproxy:") as [[string, Service]];
    const mounts = (haproxy.volumes ?? []).map((volume) => (typeof volume === "string" ? volume.split(":") : [volume.source, volume.target]));
    expect(mounts).toContainEqual(expect.arrayContaining(["./deploy/haproxy.cfg", "/usr/local/etc/haproxy/haproxy.cfg"]));

    const env = environment(haproxy);
    // Every variable the configuration reads is given, and nothing else is needed.
    const config = read("deploy/haproxy.cfg")
      .split("\n")
      .filter((line) => !line.trim().startsWith("#"))
      .join("\n");
    const wanted = [...config.matchAll(/"\$\{(\w+)\}"/g)].map((match) => match[1]!);
    expect(wanted.sort()).toEqual(["BESIDE_NODE_A", "BESIDE_NODE_B", "HAPROXY_BIND"]);
    for (const name of wanted) expect(env[name]).toBeTruthy();

    const nodes = [env.BESIDE_NODE_A!, env.BESIDE_NODE_B!].map((node) => node.split(":"));
    expect(nodes.map(([host]) => host).sort()).toEqual(beside.map(([name]) => name).sort());
    for (const [host, port] of nodes) {
      const service = services[host!]!;
      expect(port).toBe(environment(service).PORT ?? runtimeEnv.PORT);
    }
    expect(dependsOn(haproxy)).toEqual(Object.fromEntries(beside.map(([name]) => [name, "service_healthy"])));

    // Published on the port it binds.
    const bindPort = env.HAPROXY_BIND!.split(":").at(-1);
    const targets = (haproxy.ports ?? []).map((port) => (typeof port === "string" ? port.split(":").at(-1) : String(port.target)));
    expect(targets).toContain(bindPort);
  });
});

describe("Dockerfile", () => {
  it("builds in one stage with the compilers and runs on node:20-bookworm-slim in another", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.from).toBe("node:20-bookworm-slim");
    const build = stages.find((stage) => stage.name === "build")!;
    const runs = build.instructions
      .filter((instruction) => instruction.keyword === "RUN")
      .map((instruction) => instruction.args)
      .join(" ");
    for (const tool of ["python3", "make", "g++"]) expect(runs.split(" ")).toContain(tool);
    expect(runs).toContain("npm ci");
    expect(runs).toContain("npm run build");
    expect(runs).toContain("npm prune --omit=dev");
  });

  it("runs as a user that is not root, the command of npm start, with the SQLite file in a volume", () => {
    const users = runtimeArgs("USER");
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0"]).not.toContain(users.at(-1)!.split(":")[0]);
    const keywords = runtime.instructions.map((instruction) => instruction.keyword);
    expect(keywords.lastIndexOf("USER")).toBeLessThan(keywords.lastIndexOf("CMD"));

    const cmd = JSON.parse(runtimeArgs("CMD").at(-1)!) as string[];
    expect(cmd.slice(0, 2)).toEqual(["sh", "-c"]);
    const start = (JSON.parse(read("package.json")) as { scripts: { start: string } }).scripts.start;
    // `exec` hands the shell's place to node, so it receives SIGTERM; otherwise the same command.
    expect(cmd[2]!.replace(/&& exec /g, "&& ")).toBe(start);

    expect(runtimeEnv.HOST).toBe("0.0.0.0");
    expect(runtimeArgs("EXPOSE")).toEqual([runtimeEnv.PORT]);
    expect(runtimeArgs("VOLUME")).toContain(path.dirname(runtimeEnv.DATABASE_FILE!));
    // compose.yaml's depends_on (service_healthy) waits on this check.
    expect(runtimeArgs("HEALTHCHECK").at(-1)).toMatch(/\/livez/);
  });

  it("is built without this checkout's node_modules, build or data (.dockerignore)", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#"));
    // node_modules here holds a better-sqlite3 compiled for this machine, which would replace the image's own.
    for (const entry of ["node_modules", "build", "public/build", "data", ".env", ".git"]) expect(ignored).toContain(entry);
  });
});
