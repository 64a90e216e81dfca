import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { parsePlan } from "~/content/parse-plan.server";
import { MAX_PLAN_BYTES } from "~/content/plan-schema";
import type { Answer } from "~/realtime/events";

import { accessRule, accessTable } from "../helpers/access";
import { signIn } from "../helpers/auth";
import { closeAllClients, emit } from "../helpers/clients";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { textOf } from "../helpers/page-text";
import { answerRound, openRoom } from "../helpers/room";
import { FIXTURE_COURSE_PLANS, FIXTURE_COURSES, type TestServer } from "../helpers/server";

/**
 * Courses on a real server, over the fixture course "Two evenings" (sessions:
 * second-evening, then first-evening: not the plans' title order, so order
 * comes from the course). The library lists it, an organiser clones it whole
 * or not at all, its history gathers its runs, and its check-in and check-out
 * are compared across sessions with k applied to each distribution on its own.
 */
const startServer = useTestServers("test");
const startCourseServer = () => startServer({ plansDir: FIXTURE_COURSE_PLANS, coursesDir: FIXTURE_COURSES });
const scale = (value: number): Answer => ({ type: "scale", value });
const pass: Answer = { type: "pass" };

async function get(server: TestServer, url: string, role: "organiser" | "facilitator" = "organiser") {
  const response = await fetch(`${server.url}${url}`, { headers: { Cookie: await signIn(server, role) }, redirect: "manual" });
  return { response, body: await response.text() };
}

async function cloneCourse(server: TestServer, key: string, role: "organiser" | "facilitator" = "organiser") {
  return fetch(`${server.url}/courses/${key}?index`, {
    method: "POST",
    headers: { Cookie: await signIn(server, role) },
    body: new URLSearchParams({ intent: "clone" }),
    redirect: "manual",
  });
}

/** One ended run of a session plan: `checkIn` and `checkOut` answered by phone 1, 2, … in order. */
async function playRun(server: TestServer, planId: string, checkIn: Answer[], checkOut: Answer[]) {
  const room = await openRoom(server, { k: 3, phones: Math.max(checkIn.length, checkOut.length), planId });
  await answerRound(room, "check-in", checkIn);
  await answerRound(room, "check-out", checkOut);
  expect((await emit(room.facilitator, "run:end", {})).ok).toBe(true);
  closeAllClients();
  return room.runId;
}

function rowCounts(server: TestServer) {
  const count = (table: string) => query<{ n: number }>(server.dbFile, `select count(*) as n from ${table}`)[0]!.n;
  return { plans: count("plans"), planVersions: count("plan_versions"), courses: count("courses"), courseSessions: count("course_sessions") };
}

describe("the library", () => {
  it("lists the course with its sessions numbered in course order, each linking to its plan and startable; the course page shows the same", async () => {
    const server = await startCourseServer();
    const library = await get(server, "/library", "facilitator");
    expect(library.response.status).toBe(200);
    const courses = /<section[^>]*aria-labelledby="courses"[\s\S]*?<\/section>/.exec(library.body)![0];
    expect(textOf(courses)).toMatch(/Two evenings .*2 sessions .*Session 1: Second evening .*Start a run .*Session 2: First evening .*Start a run/);
    const links = [...courses.matchAll(/href="(\/library\/[^"]+)"/g)].map((match) => match[1]);
    expect(links).toEqual(["/library/second-evening", "/library/first-evening"]);
    const starts = [...courses.matchAll(/name="planId" value="([^"]+)"/g)].map((match) => match[1]);
    expect(starts).toEqual(["second-evening", "first-evening"]);
    // Facilitators start sessions but don't clone courses.
    expect(courses).not.toContain("Clone the whole course");

    const page = await get(server, "/courses/two-evenings", "facilitator");
    expect(page.response.status).toBe(200);
    expect(textOf(page.body)).toMatch(/Session 1: Second evening .*Session 2: First evening/);
    expect((await get(server, "/courses/no-such-course")).response.status).toBe(404);

    // A session starts as its plan does: the run is of that plan.
    const room = await openRoom(server, { k: 3, phones: 0, planId: "second-evening" });
    expect(query(server.dbFile, "select plan_id from runs where id = ?", room.runId)).toEqual([{ plan_id: "second-evening" }]);
  });

  it("lists a course file with problems with its problems by line, and a course naming a missing plan can't be opened", async () => {
    const coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-courses-"));
    const source = fs.readFileSync(path.join(FIXTURE_COURSES, "two-evenings.yaml"), "utf8").replace("  - first-evening", "  - third-evening");
    fs.writeFileSync(path.join(coursesDir, "two-evenings.yaml"), source);
    const line = source.split("\n").indexOf("  - third-evening") + 1;
    const server = await startServer({ plansDir: FIXTURE_COURSE_PLANS, coursesDir });
    const library = textOf((await get(server, "/library")).body);
    expect(library).toContain("This course has errors to fix before it can be used:");
    expect(library).toContain(`two-evenings.yaml:${line} "sessions", item 2 names no plan: no plan file has the id "third-evening"`);
    expect((await get(server, "/courses/two-evenings")).response.status).toBe(404);
  });
});

describe("npm run plans:check", () => {
  it("checks the courses after the plans, failing with file:line on a session that names no plan", async () => {
    const run = promisify(execFile);
    const passed = await run(process.execPath, ["--import", "tsx", "scripts/plans-check.ts", FIXTURE_COURSE_PLANS, FIXTURE_COURSES]);
    expect(passed.stdout).toContain('ok    tests/fixtures/courses/two-evenings.yaml: "Two evenings", 2 sessions');

    const coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-courses-"));
    const source = fs.readFileSync(path.join(FIXTURE_COURSES, "two-evenings.yaml"), "utf8").replace("  - first-evening", "  - third-evening");
    fs.writeFileSync(path.join(coursesDir, "two-evenings.yaml"), source);
    const line = source.split("\n").indexOf("  - third-evening") + 1;
    const failed = await run(process.execPath, ["--import", "tsx", "scripts/plans-check.ts", FIXTURE_COURSE_PLANS, coursesDir]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(`two-evenings.yaml:${line}: "sessions", item 2 names no plan: no plan file has the id "third-evening"`);
  });
});

describe("cloning a course", () => {
  it("copies every session's plan into own plans and makes an own course of them in the same order; facilitators may not", async () => {
    const server = await startCourseServer();
    expect((await cloneCourse(server, "two-evenings", "facilitator")).status).toBe(403);
    expect(rowCounts(server)).toEqual({ plans: 0, planVersions: 0, courses: 0, courseSessions: 0 });

    const response = await cloneCourse(server, "two-evenings");
    expect(response.status).toBe(302);
    const key = /^\/courses\/(own_[a-z0-9]+)$/.exec(response.headers.get("location") ?? "")?.[1];
    expect(key).toBeDefined();

    const sessions = query<{ position: number; plan_id: string; cloned_from: string; source: string }>(
      server.dbFile,
      `select s.position, s.plan_id, p.cloned_from, v.source from course_sessions s
         join plans p on p.id = s.plan_id join plan_versions v on v.plan_id = p.id
        where s.course_id = ? order by s.position`,
      key,
    );
    expect(sessions.map((row) => row.position)).toEqual([1, 2]);
    expect(sessions.map((row) => row.cloned_from.split("@")[0])).toEqual(["second-evening", "first-evening"]);
    expect(sessions.map((row) => /^id: (.*)$/m.exec(row.source)?.[1])).toEqual(["second-evening-copy", "first-evening-copy"]);
    expect(query(server.dbFile, "select title, cloned_from from courses where id = ?", key)).toEqual([{ title: "Two evenings (copy)", cloned_from: "two-evenings" }]);

    // The own course lists its own plans in order, each startable; the library shows it after the built-in one.
    const page = await get(server, `/courses/${key}`);
    expect(textOf(page.body)).toMatch(/Session 1: Second evening \(copy\) .*Session 2: First evening \(copy\)/);
    const links = [...page.body.matchAll(/href="(\/library\/own_[^"]+)"/g)].map((match) => match[1]);
    expect(links).toEqual(sessions.map((row) => `/library/${row.plan_id}`));
    expect(textOf((await get(server, "/library")).body)).toMatch(/Courses .*Two evenings .*Two evenings \(copy\) .*Session 1: Second evening \(copy\)/);
    const room = await openRoom(server, { k: 3, phones: 0, planId: sessions[0]!.plan_id });
    expect(query(server.dbFile, "select plan_id, plan_version from runs where id = ?", room.runId)).toEqual([{ plan_id: sessions[0]!.plan_id, plan_version: 1 }]);
  });

  it("keeps nothing when one session can't be cloned: a plan so near the size limit that its copy would pass it", async () => {
    const plansDir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-course-plans-"));
    for (const name of fs.readdirSync(FIXTURE_COURSE_PLANS)) fs.copyFileSync(path.join(FIXTURE_COURSE_PLANS, name), path.join(plansDir, name));
    // A valid plan exactly at the limit, its padding in the facilitator's notes (which never reach the display).
    const base = fs.readFileSync(path.join(FIXTURE_COURSE_PLANS, "first-evening.md"), "utf8").replace("id: first-evening", "id: long-evening").replace("title: First evening", "title: Long evening");
    const frame = `${base}\n::: notes\n\n:::\n`;
    const padding = Array.from({ length: MAX_PLAN_BYTES }, (_, i) => (i % 80 === 79 ? "\n" : "x")).join("").slice(0, MAX_PLAN_BYTES - Buffer.byteLength(frame));
    const long = `${base}\n::: notes\n${padding}\n:::\n`;
    expect(Buffer.byteLength(long)).toBe(MAX_PLAN_BYTES);
    expect(parsePlan(long, "long-evening.md").ok).toBe(true);
    fs.writeFileSync(path.join(plansDir, "long-evening.md"), long);
    const coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-courses-"));
    fs.writeFileSync(
      path.join(coursesDir, "three-evenings.yaml"),
      "id: three-evenings\ntitle: Three evenings\nsummary: The middle one is long.\nsessions:\n  - first-evening\n  - long-evening\n  - second-evening\n",
    );
    const server = await startServer({ plansDir, coursesDir });

    const response = await cloneCourse(server, "three-evenings");
    expect(response.status).toBe(400);
    expect(textOf(await response.text())).toContain("Session 2 couldn't be cloned, so nothing was copied: A plan can be at most 200 KB of text.");
    // Session 1's copy was made before session 2 failed, and is gone with it.
    expect(rowCounts(server)).toEqual({ plans: 0, planVersions: 0, courses: 0, courseSessions: 0 });

    // The same server clones a course whose plans all fit.
    fs.writeFileSync(path.join(coursesDir, "three-evenings.yaml"), fs.readFileSync(path.join(coursesDir, "three-evenings.yaml"), "utf8").replace("  - long-evening\n", ""));
    expect((await cloneCourse(server, "three-evenings")).status).toBe(302);
    expect(rowCounts(server)).toEqual({ plans: 2, planVersions: 2, courses: 1, courseSessions: 2 });
  });
});

describe("a course's runs", () => {
  it("shows the course's history: each session in course order with its own runs; organisers only", async () => {
    const server = await startCourseServer();
    const first = await playRun(server, "first-evening", [scale(2), scale(3), scale(3)], [scale(4), scale(4), scale(5)]);
    const second = [
      await playRun(server, "second-evening", [scale(1), scale(2), scale(2)], [scale(3), scale(3), scale(4)]),
      await playRun(server, "second-evening", [scale(2), scale(2), scale(3)], [scale(3), scale(4), scale(4)]),
    ];
    expect(await accessTable(server, "/courses/two-evenings/history")).toEqual(accessRule("organiser"));
    const { response, body } = await get(server, "/courses/two-evenings/history");
    expect(response.status).toBe(200);
    const sections = [...body.matchAll(/<section[^>]*course-history__session[^>]*>([\s\S]*?)<\/section>/g)].map((match) => match[1]!);
    expect(sections.map((section) => /<h2[^>]*>([\s\S]*?)<\/h2>/.exec(section)![1]).map((heading) => textOf(heading!).trim())).toEqual([
      "Session 1: Second evening",
      "Session 2: First evening",
    ]);
    const reports = sections.map((section) => [...section.matchAll(/href="\/runs\/([^"]+)"/g)].map((match) => match[1]));
    // Each session's runs, newest first, under that session only.
    expect(reports).toEqual([[second[1], second[0]], [first]]);
  });

  it("compares check-in and check-out across the sessions as group distributions, each withheld below k on its own", async () => {
    const server = await startCourseServer();
    // Session 1 (second-evening): both sides at k = 3. Session 2 (first-evening): the check-in has 2 answers and a pass, under k.
    await playRun(server, "second-evening", [scale(1), scale(2), scale(2), scale(3)], [scale(3), scale(4), scale(4), scale(5)]);
    const small = await playRun(server, "first-evening", [scale(1), scale(5), pass], [scale(2), scale(4), scale(4)]);
    expect(await accessTable(server, "/courses/two-evenings/compare")).toEqual(accessRule("organiser"));

    const { response, body } = await get(server, "/courses/two-evenings/compare");
    expect(response.status).toBe(200);
    const sessions = [...body.matchAll(/<section[^>]*course-compare__session[^>]*>([\s\S]*?)(?=<section[^>]*course-compare__session|<\/main>)/g)].map(
      (match) => textOf(match[1]!),
    );
    expect(sessions).toHaveLength(2);
    // Session 1: both group pictures, in percentages (4 answers each), with the caption naming each side's answers.
    expect(sessions[0]).toMatch(/^ ?Session 1: Second evening /);
    expect(sessions[0]).toContain(
      "1 At the start 25% Now 0% 2 At the start 50% Now 0% 3 At the start 25% Now 25% 4 At the start 0% Now 50% 5 At the start 0% Now 25%",
    );
    expect(sessions[0]).toContain("4 answers at the start, 4 now");
    // Session 2: the check-out shows; the check-in, under k, says so and shows nothing else.
    expect(sessions[1]).toMatch(/^ ?Session 2: First evening /);
    expect(sessions[1]).toContain("Earlier: How are you arriving today? Results appear once at least 3 people have answered.");
    expect(sessions[1]).not.toContain("At the start");
    expect(sessions[1]).toContain("Now 0 0 chose 1 1 1 chose 2 0 0 chose 3 2 2 chose 4 0 0 chose 5");
    // The page's data carries the withheld check-in as its status and k only: no counts, no tally.
    const data = /window\.__remixContext = ([\s\S]*?);\s*<\/script>/.exec(body)?.[1] ?? body;
    const run = JSON.stringify(JSON.parse(data).state.loaderData["routes/courses.$courseKey.compare"].sessions[1].runs[0]);
    expect(run).toContain(`"id":"${small}"`);
    expect(run).toContain('"comparison":{"promptId":"check-in","question":"How are you arriving today?","results":{"status":"withheld","k":3}}');
    expect(run).toMatch(/"results":\{"status":"shown","tally":\{"type":"scale"/);
  });
});
