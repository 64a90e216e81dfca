import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";

import { BUILD_PATH } from "../../server/app";
import { accessTable, type Visitor } from "../helpers/access";
import { connectFacilitator, emit } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { FIXTURE_COURSE_PLANS, FIXTURE_COURSES, FIXTURE_PLANS, startRun, type TestServer } from "../helpers/server";

/**
 * Every page and action of the production build, classified: a route added
 * later without a place here fails this test, so none can be left open by
 * forgetting a sign-in check.
 */
const PUBLIC = new Set([
  "routes/_index",
  "routes/login",
  "routes/logout",
  "routes/setup",
  "routes/help",
  "routes/join",
  "routes/j.$code",
  "routes/display.$code",
  "routes/f.$secret",
  // The facilitator guide holds nothing private, and a volunteer may read it before they have an account.
  "routes/guide._index",
  "routes/guide.$page",
]);
/** Facilitators and organisers: the library, a plan's and a course's page (start a run there), your own account. */
const STAFF = new Set(["routes/library._index", "routes/library.$planKey._index", "routes/courses.$courseKey._index", "routes/account"]);
/** Staff with the run's secret as well: a facilitator without it is refused. */
const RUN_CONSOLE = new Set(["routes/console.$code"]);

let server: TestServer;
let params: Record<string, string>;
const startServer = useTestServers("file");

beforeAll(async () => {
  // The fixture plans and the course plans in one folder, so that a course's pages exist too.
  const plansDir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-access-plans-"));
  for (const dir of [FIXTURE_PLANS, FIXTURE_COURSE_PLANS]) for (const name of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, name), path.join(plansDir, name));
  server = await startServer({ plansDir, coursesDir: FIXTURE_COURSES });
  const { code, cookie } = await startRun(server, "every-prompt", 3);
  const { socket } = await connectFacilitator(server.url, code, cookie);
  expect((await emit(socket, "run:end", {})).ok).toBe(true);
  const live = await startRun(server, "every-prompt", 3);
  const [run] = query<{ id: string }>(server.dbFile, "select id from runs where code = ?", code);
  params = { planKey: "every-prompt", courseKey: "two-evenings", runId: run!.id, code: live.code, secret: "x".repeat(43) };
});

async function routes() {
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;
  const pathOf = (id: string): string => {
    const route = build.routes[id]!;
    const own = route.path ?? "";
    return route.parentId && route.parentId !== "root" ? `${pathOf(route.parentId)}/${own}` : own;
  };
  return Object.entries(build.routes)
    .filter(([id]) => id !== "root")
    .map(([id, route]) => {
      const path = `/${pathOf(id)}`.replace(/:(\w+)/g, (_match, name: string) => params[name] ?? `unknown-${name}`);
      const methods = [...(route.module.loader ? (["GET"] as const) : []), ...(route.module.action ? (["POST"] as const) : [])];
      return { id, path: route.index ? `${path}?index` : path, methods };
    });
}

function expected(id: string): Record<Visitor, string> | "public" {
  if (PUBLIC.has(id)) return "public";
  if (STAFF.has(id)) return { "signed-out": "sign-in", facilitator: "allowed", organiser: "allowed" };
  // The console page needs the run's secret, which these visitors don't have.
  if (RUN_CONSOLE.has(id)) return { "signed-out": "sign-in", facilitator: "forbidden", organiser: "forbidden" };
  return { "signed-out": "sign-in", facilitator: "forbidden", organiser: "allowed" };
}

describe("who may open each page and use each action", () => {
  it("sends a signed-out visitor to sign in from every staff page and action in the build, refuses facilitators on organisers' ones, and leaves only the participant and sign-in pages public", async () => {
    const all = await routes();
    expect(all.length).toBeGreaterThan(20);
    const seen: string[] = [];
    for (const route of all) {
      for (const method of route.methods) {
        const rule = expected(route.id);
        if (rule === "public") continue;
        const table = await accessTable(server, route.path, method === "POST" ? {} : undefined);
        expect(table, `${method} ${route.path} (${route.id})`).toEqual(rule);
        seen.push(`${method} ${route.id}`);
      }
    }
    // Every staff route was checked, pages and actions.
    expect(seen).toEqual(
      expect.arrayContaining(["GET routes/settings", "POST routes/settings", "GET routes/runs.$runId.export[.]csv", "POST routes/library.check"]),
    );
  });
});
