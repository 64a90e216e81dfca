import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";

import { orderedSwatches } from "~/components/chart-colours";
import type { Answer } from "~/realtime/events";

import { signIn } from "../helpers/auth";
import { accessRule, accessTable } from "../helpers/access";
import { closeAllClients, emit } from "../helpers/clients";
import { execute, query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";
import { textOf } from "../helpers/page-text";
import { answerRound, openRoom } from "../helpers/room";
import type { TestServer } from "../helpers/server";

/**
 * Run history, reports, CSV export and comparing runs, on three runs of the
 * every-prompt plan: two with four phones and one with two (under k = 3).
 * Organisers see what the room could have seen, k applied per prompt and per
 * run, and aggregates only; a live run's report holds no results at all.
 */
const startServer = useTestServers("file");
let server: TestServer;
let organiser: string;

const DAY = 24 * 60 * 60 * 1000;
const K = 3;
const scale = (value: number): Answer => ({ type: "scale", value });
const single = (option: number): Answer => ({ type: "single-choice", option });
const words = (...list: string[]): Answer => ({ type: "word-cloud", words: list });
const text = (value: string): Answer => ({ type: "open-text", text: value });
const pass: Answer = { type: "pass" };

const APPROVED = "alpha approved: ask a friend for a lift";
const PENDING = "alpha pending: tell my sister";
const HIDDEN = "alpha hidden: the name of my street";

/**
 * A run where each listed prompt is opened, answered by phone 1, 2, … in order, closed and (unless in
 * `unrevealed`) revealed. Ended unless `live`.
 */
async function playRun(
  phones: number,
  answers: Record<string, Answer[]>,
  options: { unrevealed?: string[]; approve?: string[]; hide?: string[]; live?: boolean } = {},
) {
  const room = await openRoom(server, { k: K, phones });
  for (const [promptId, list] of Object.entries(answers)) {
    await answerRound(room, promptId, list);
    if (!options.unrevealed?.includes(promptId)) expect((await emit(room.facilitator, "prompt:reveal", { promptId })).ok).toBe(true);
  }
  for (const value of options.approve ?? []) {
    expect((await emit(room.facilitator, "moderation:set", { promptId: "small-ask", text: value, action: "approve" })).ok).toBe(true);
  }
  for (const value of options.hide ?? []) {
    expect((await emit(room.facilitator, "moderation:set", { promptId: "small-ask", text: value, action: "hide" })).ok).toBe(true);
  }
  const end = async () => {
    expect((await emit(room.facilitator, "run:end", {})).ok).toBe(true);
    closeAllClients();
  };
  if (!options.live) await end();
  return { runId: room.runId, code: room.code, end };
}

async function get(path: string, cookie = organiser) {
  const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  return { response, body: await response.text() };
}

let runA: Awaited<ReturnType<typeof playRun>>;
let runB: Awaited<ReturnType<typeof playRun>>;
let runC: Awaited<ReturnType<typeof playRun>>;

beforeAll(async () => {
  server = await startServer();
  organiser = await signIn(server, "organiser");
  runA = await playRun(
    4,
    {
      "check-in": [scale(2), scale(4), scale(4), pass],
      signs: [
        { type: "multiple-choice", options: [0, 1] },
        { type: "multiple-choice", options: [1] },
        { type: "multiple-choice", options: [2] },
        { type: "multiple-choice", options: [1] },
      ],
      belief: [single(0), single(1), single(1), pass],
      strength: [words("rest", "lantern"), words("rest"), words("trust"), pass],
      "small-ask": [text(APPROVED), text(PENDING), text(HIDDEN), pass],
      "check-out": [scale(3), scale(4), scale(5), scale(5)],
    },
    { unrevealed: ["signs"], approve: [APPROVED], hide: [HIDDEN] },
  );
  // Today's word normaliser strips a leading "=" (and every other formula sign), so a stored word can only
  // start with one if that ever changes: written here directly, to prove the CSV stays safe regardless.
  expect(execute(server.dbFile, `update responses set answer = '["=2+3"]' where run_id = ? and answer = '["trust"]'`, runA.runId)).toBe(1);
  runB = await playRun(4, { "check-in": [scale(1), scale(1), scale(2), scale(3)], belief: [single(0), single(0), single(0), single(1)] });
  runC = await playRun(2, { "check-in": [scale(3), pass], belief: [single(0), single(1)] }, { live: true });
}, 60_000);

describe("a live run", () => {
  it("has a report page that says it is ready when the run ends, with no results in the page or its data, and no CSV (409)", async () => {
    const { response, body } = await get(`/runs/${runC.runId}`);
    expect(response.status).toBe(200);
    expect(textOf(body)).toContain("Its report is ready when the run ends.");
    // Not in the visible page, nor in the loader data the page carries (the stylesheet aside: it names a class "results-withheld").
    const page = body.replace(/<style[\s\S]*?<\/style>/g, "");
    for (const absent of ['"results"', '"tally"', '"prompts"', "withheld", "Download CSV"]) expect(page).not.toContain(absent);
    const csv = await get(`/runs/${runC.runId}/export.csv`);
    expect(csv.response.status).toBe(409);
    expect(csv.body).not.toContain("belief");

    const history = textOf((await get("/library/every-prompt/history")).body);
    expect(history).toContain("in progress");
    // Comparing runs leaves it out until it ends: the two ended runs have rows, and no "fewer than 3" row for it yet.
    const compared = textOf(/<table[\s\S]*<\/table>/.exec((await get("/library/every-prompt/compare?prompt=belief")).body)![0]);
    expect(compared).toMatch(/33% 67% 3 .* 75% 25% 4/);
    expect(compared).not.toContain("fewer than 3 answers");
    await runC.end();
  });
});

describe("history", () => {
  it("lists every run of the plan newest first, with its facilitator, version and size, 'fewer than k' for a small run, and links to reports", async () => {
    const { response, body } = await get("/library/every-prompt/history");
    expect(response.status).toBe(200);
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => textOf(match[1]!).trim()).slice(1);
    expect(rows).toHaveLength(3);
    // Newest first: the small run, then B, then A. Four phones each in A and B; the small one's two aren't told.
    expect(rows[0]).toMatch(/Fran Facilitator built-in fewer than 3 Report$/);
    expect(rows[1]).toMatch(/Fran Facilitator built-in 4 Report$/);
    expect(rows[2]).toMatch(/Fran Facilitator built-in 4 Report$/);
    expect(textOf(body)).not.toMatch(/built-in 2 /);
    for (const run of [runC, runB, runA]) expect(body).toContain(`href="/runs/${run.runId}"`);
    expect(body.indexOf(`/runs/${runC.runId}"`)).toBeLessThan(body.indexOf(`/runs/${runB.runId}"`));
    expect(body.indexOf(`/runs/${runB.runId}"`)).toBeLessThan(body.indexOf(`/runs/${runA.runId}"`));
    expect(body).toContain('href="/library/every-prompt/compare"');
  });

  it("is for organisers only, like every report page and the CSV", async () => {
    for (const path of [
      "/library/every-prompt/history",
      "/library/every-prompt/compare",
      `/runs/${runA.runId}`,
      `/runs/${runA.runId}/export.csv`,
    ]) {
      expect({ path, access: await accessTable(server, path) }).toEqual({ path, access: accessRule("organiser") });
    }
  });
});

describe("a run's report", () => {
  it("shows each prompt's counts and results as the room could see them: approved text only, whether it was shown, check-in beside check-out", async () => {
    const { response, body } = await get(`/runs/${runA.runId}`);
    expect(response.status).toBe(200);
    const page = textOf(body);
    expect(page).toContain("Report: Every prompt type");
    expect(page).toContain("Facilitator Fran Facilitator");
    expect(page).toContain("Participants 4");
    expect(page).toContain("How are you arriving today? Scale · results were shown in the room · 3 answers, 1 passed");
    expect(page).toContain("Which of these do you recognise? Multiple choice · results were not shown in the room · 4 answers, 0 passed");
    expect(page).toContain("Saying no to help 1 (25%)");
    expect(page).toContain("Doing everything yourself 3 (75%)");
    expect(page).toContain("Which belief feels most familiar? Single choice · results were shown in the room · 3 answers, 1 passed");
    expect(page).toContain("I can only count on me 1 (33%)");
    expect(page).toContain("Needing people gets me hurt 2 (67%)");
    expect(page).toContain("One small ask I could make this week Free text · results were shown in the room · 3 answers, 1 passed");
    expect(page).toContain(APPROVED);
    // Unapproved text is in neither the page nor its data.
    expect(body).not.toContain(PENDING);
    expect(body).not.toContain(HIDDEN);
    // Check-out beside check-in, each a group picture in percentages, and one sentence of how the group's picture moved:
    // 1 of 3 chose 1 or 2 at the start, none of 4 at the end; 4 or 5, 67% then 75% (under 10 points: not said).
    expect(page).toMatch(
      /How are you leaving today\?.*Fewer of the group chose 1 or 2 at the end than at the start\. At the start: How are you arriving today\? Now 1 .* 2 At the start 33% Now 0% .* 4 At the start 67% Now 25% .*Middle answer \(median\): 4 at the start, 4 now · 3 answers at the start, 4 now/,
    );
    expect(body).toContain('href="/runs/' + runA.runId + '/export.csv"');
  });

  it("links to the plan, its history, and each choice or scale prompt compared across runs", async () => {
    const { body } = await get(`/runs/${runA.runId}`);
    expect(body).toContain('href="/library/every-prompt"');
    expect(body).toContain('href="/library/every-prompt/history"');
    // Word clouds and free text can't be compared, so only the scales and choices get the link.
    const compared = [...body.matchAll(/href="\/library\/every-prompt\/compare\?prompt=([^"]+)"/g)].map((match) => match[1]);
    expect(compared).toEqual(["check-in", "signs", "belief", "check-out"]);
    const signs = textOf((await get("/library/every-prompt/compare?prompt=signs")).body);
    expect(signs).toMatch(/Which of these do you recognise\? .*Run started Saying no to help/);
    // And back from the history to the plan.
    expect((await get("/library/every-prompt/history")).body).toContain('href="/library/every-prompt"');
  });

  it("withholds every result of a run with fewer than k answers, and says so", async () => {
    const page = textOf((await get(`/runs/${runC.runId}`)).body);
    expect(page).toContain("Participants fewer than 3");
    // Revealed under k, the room was told the results were withheld: the report never says they were shown.
    expect(page).not.toContain("results were shown in the room");
    expect(page).toContain(
      "How are you arriving today? Scale · revealed, but too few answers to show: the room was told results are withheld Fewer than 3 answers: results withheld.",
    );
    expect(page).toContain(
      "Which belief feels most familiar? Single choice · revealed, but too few answers to show: the room was told results are withheld Fewer than 3 answers: results withheld.",
    );
    expect(page).toContain("Which of these do you recognise? Multiple choice · not asked in this run");
    expect(page).not.toContain("I can only count on me 1");
    expect(page).not.toMatch(/\d answers?,/);
  });
});

describe("the CSV export", () => {
  const HEADER = ["plan", "plan_version", "run_started", "prompt_id", "prompt_type", "question", "option", "count", "answers", "passes", "status"];

  async function csvOf(runId: string) {
    const { response, body } = await get(`/runs/${runId}/export.csv`);
    expect(response.status).toBe(200);
    return { response, body, rows: parse(body) as string[][] };
  }

  it("gives one row per prompt and option with the counts of the answers, as an attachment named after the plan, date and code", async () => {
    const { response, body, rows } = await csvOf(runA.runId);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const started = query<{ started_at: number }>(server.dbFile, "select started_at from runs where id = ?", runA.runId)[0]!.started_at;
    const date = new Date(started).toISOString();
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="every-prompt-${date.slice(0, 10)}-${runA.code}.csv"`);
    expect(rows[0]).toEqual(HEADER);
    const byPrompt = (promptId: string) => rows.filter((row) => row[3] === promptId).map((row) => [row[6], row[7], row[8], row[9], row[10]]);
    expect(rows[1]!.slice(0, 6)).toEqual(["every-prompt", "built-in", date, "check-in", "scale", "How are you arriving today?"]);
    expect(byPrompt("check-in")).toEqual([
      ["1", "0", "3", "1", "shown"],
      ["2", "1", "3", "1", "shown"],
      ["3", "0", "3", "1", "shown"],
      ["4", "2", "3", "1", "shown"],
      ["5", "0", "3", "1", "shown"],
    ]);
    expect(byPrompt("signs")).toEqual([
      ["Saying no to help", "1", "4", "0", "shown"],
      ["Doing everything yourself", "3", "4", "0", "shown"],
      ["Feeling guilty when leaning on others", "1", "4", "0", "shown"],
    ]);
    expect(byPrompt("belief")).toEqual([
      ["I can only count on me", "1", "3", "1", "shown"],
      ["Needing people gets me hurt", "2", "3", "1", "shown"],
    ]);
    // Words the room saw, a would-be formula neutralised.
    expect(byPrompt("strength")).toEqual([
      ["rest", "2", "3", "1", "shown"],
      ["'=2+3", "1", "3", "1", "shown"],
      ["lantern", "1", "3", "1", "shown"],
    ]);
    // Free text: the counts, never the text.
    expect(byPrompt("small-ask")).toEqual([["", "", "3", "1", "shown"]]);
    expect(byPrompt("check-out").map((row) => row[1])).toEqual(["0", "0", "1", "1", "2"]);
    expect(rows).toHaveLength(1 + 5 + 3 + 2 + 3 + 1 + 5);
    expect(body).not.toContain(APPROVED);
    // Nothing that could tie answers together or to a device.
    for (const { response_key } of query<{ response_key: string }>(server.dbFile, "select response_key from responses where run_id = ?", runA.runId)) {
      expect(body).not.toContain(response_key);
    }
    expect(body).not.toContain(runA.runId);
  });

  it("leaves every count empty in a run under k, answers and passes too", async () => {
    const { rows } = await csvOf(runC.runId);
    expect(rows[0]).toEqual(HEADER);
    const data = rows.slice(1);
    expect(data).toHaveLength(5 + 3 + 2 + 1 + 1 + 5);
    for (const row of data) expect([row[7], row[8], row[9], row[10]]).toEqual(["", "", "", "withheld"]);
    expect(data.filter((row) => row[3] === "belief").map((row) => row[6])).toEqual(["I can only count on me", "Needing people gets me hurt"]);
  });
});

describe("comparing runs", () => {
  it("shows one prompt's shares in each ended run, oldest first, and 'fewer than k answers' for a run under k, as a chart and a table", async () => {
    const { response, body } = await get("/library/every-prompt/compare?prompt=belief");
    expect(response.status).toBe(200);
    const page = textOf(body);
    expect(page).toContain("Which belief feels most familiar?");
    const table = textOf(/<table[\s\S]*<\/table>/.exec(body)![0]);
    expect(table).toMatch(/Run started I can only count on me Needing people gets me hurt Answers/);
    // Oldest first: A (1 of 3, 2 of 3), B (3 of 4, 1 of 4), then the small run.
    expect(table).toMatch(/33% 67% 3 .* 75% 25% 4 .* fewer than 3 answers/);
    expect(body).toContain('class="run-chart__segment run-chart__colour--0" style="width:75%"');

    // A scale has a median per run, and its values shade from light to dark in order, the legend first.
    const scaleBody = (await get("/library/every-prompt/compare?prompt=check-in")).body;
    const legend = [...scaleBody.matchAll(/run-chart__swatch run-chart__colour--ordered" style="background:(#[0-9a-f]{6})/g)].map((m) => m[1]);
    expect(legend).toEqual(orderedSwatches(5).map((swatch) => swatch.background));
    const scalePage = textOf(scaleBody);
    expect(scalePage).toMatch(/Median Answers .* 0% 33% 0% 67% 0% 4 3 .* 50% 25% 25% 0% 0% 1 4 .* fewer than 3 answers/);

    const unknown = await get("/library/every-prompt/compare?prompt=nope");
    expect(textOf(unknown.body)).toContain("Choose one of this plan's questions.");
  });
});

describe("after the retention period", () => {
  it("says the run's text was deleted and keeps its counts", async () => {
    await server.stop();
    execute(server.dbFile, "update runs set ended_at = ? where id = ?", new Date(Date.now() - 3 * DAY), runA.runId);
    server = await startServer({ dbFile: server.dbFile, env: { RETENTION_DAYS: "1" } });
    organiser = await signIn(server, "organiser");
    const { body } = await get(`/runs/${runA.runId}`);
    const page = textOf(body);
    expect(page).toContain("This run's free text and words were deleted after the retention period; only the counts remain.");
    expect(page).toContain("One small ask I could make this week Free text · results were shown in the room · 3 answers, 1 passed");
    expect(page).toContain("Strength, to me now, means… Word cloud · results were shown in the room · 3 answers, 1 passed");
    expect(body).not.toContain(APPROVED);
    expect(body).not.toContain("lantern");
    expect(page).toContain("I can only count on me 1 (33%)");
    const csv = parse((await get(`/runs/${runA.runId}/export.csv`)).body) as string[][];
    expect(csv.filter((row) => row[3] === "strength").map((row) => row.slice(6))).toEqual([["", "", "3", "1", "shown"]]);
  });
});
