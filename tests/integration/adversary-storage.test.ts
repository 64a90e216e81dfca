import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomInt } from "node:crypto";
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BUSY_TIMEOUT_MS } from "~/models/db.server";
import type { Answer } from "~/realtime/events";
import { questionVoteKey } from "~/runs/question-box.server";
import { responseKey } from "~/runs/secrets.server";

import {
  closeAllClients,
  connectFacilitator,
  connectParticipant,
  connectParticipants,
  emit,
  goToPrompt,
  type TestParticipant,
  type TestSocket,
} from "../helpers/clients";
import { query } from "../helpers/database";
import { startRun, startTestServer, type TestServer } from "../helpers/server";
import { sqliteOnly } from "../helpers/backend";

/**
 * Someone who gets a copy of the database file tries to read, from where each row sits in the file, the order in
 * which answers and "I'm in" arrived: with it, "the first to answer A was the first to answer B" links two answers
 * of one person, and "the last answer" points at whoever tapped last. SQLite writes a page's cells from the end of
 * the page towards its start as they arrive, so an untouched page keeps that order.
 */
describe.skipIf(sqliteOnly("adversary-storage", "it reads the SQLite file's pages"))("the order of arrival, read from the file's bytes", () => {
  // The attack as it was found: one run of 8 phones on 3 prompts fits in one page of the file, which keeps its
  // arrival order exactly. Five such runs, each in its own file, give enough rows (5 × 32) that an order unrelated to
  // arrival can't pass for one by chance.
  const FILES = 5;
  const PHONES = 8;
  const PROMPTS: Array<{ id: string; answer: (i: number) => Answer }> = [
    { id: "check-in", answer: (i) => ({ type: "scale", value: (i % 5) + 1 }) },
    { id: "belief", answer: (i) => ({ type: "single-choice", option: i % 2 }) },
    { id: "signs", answer: (i) => ({ type: "multiple-choice", options: [i % 3] }) },
  ];
  const runs: Array<Awaited<ReturnType<typeof playRun>> & { server: TestServer }> = [];
  /** The run's privacy threshold, and the questions of its question box. */
  const K = 3;
  const QUESTIONS = 3;

  /** One run: every phone answers each prompt, then says "I'm in" on the agreement slide, in an order drawn at random. */
  async function playRun(server: TestServer) {
    const { code, cookie } = await startRun(server, "every-prompt", K);
    const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
    const phones = await connectParticipants(server.url, code, PHONES);
    // Read while the run is live, as the server's own process could: the key is destroyed when the run ends.
    const salt = query<{ salt: string }>(server.dbFile, "select response_key_salt as salt from runs where code = ?", code)[0]!.salt;
    const arrivals: Arrival[] = [];
    const inArrivalOrder = async (group: string, keyName: string, send: (phone: TestParticipant, i: number) => Promise<unknown>) => {
      for (const [arrival, i] of shuffled(PHONES).entries()) {
        await send(phones[i]!, i);
        arrivals.push({ group, arrival, key: responseKey(salt, phones[i]!.device, keyName) });
      }
    };
    /** Every phone answers `prompt` (opened first), in an order drawn at random. */
    const answerInArrivalOrder = async (prompt: (typeof PROMPTS)[number]) => {
      await goToPrompt(facilitator, state, prompt.id);
      expect((await emit(facilitator, "prompt:open", { promptId: prompt.id })).ok).toBe(true);
      await inArrivalOrder(prompt.id, prompt.id, async (phone, i) => expect((await phone.answer(prompt.id, prompt.answer(i))).ok).toBe(true));
    };
    for (const prompt of PROMPTS) {
      await answerInArrivalOrder(prompt);
      const stored = () => query(server.dbFile, "select * from responses where prompt_id = ? order by response_key", prompt.id);
      const before = stored();
      expect((await emit(facilitator, "prompt:close", { promptId: prompt.id })).ok).toBe(true);
      // Moved, not changed: every value comes back exactly as it was stored.
      expect(stored()).toEqual(before);
    }
    const agreement = state.slides.findIndex((slide) => slide.kind === "agreement");
    expect((await emit(facilitator, "slide:go", { index: agreement })).ok).toBe(true);
    await inArrivalOrder("agreement", `agreement:${agreement}`, async (phone) =>
      expect((await emit(phone.socket, "agreement:accept", { slideIndex: agreement })).ok).toBe(true),
    );
    // Moving on from the agreement slide: no more "I'm in" can arrive there.
    expect((await emit(facilitator, "slide:go", { index: 0 })).ok).toBe(true);
    return { facilitator, arrivals, answerInArrivalOrder, ...(await askAndVote(server, code, facilitator, phones, salt)) };
  }

  /**
   * The question box, kept open: QUESTIONS phones each ask one question, the console approves them, then 2k phones
   * vote on every question, each phone on all of them in a row (the order the attack reads: a phone's votes side by
   * side), in two rounds of exactly k, each waited out until its counts are released. The box stays open;
   * `closeBox` has the other phones vote (fewer than k: nothing released), then closes it.
   */
  async function askAndVote(server: TestServer, code: string, facilitator: TestSocket, phones: TestParticipant[], salt: string) {
    expect((await emit(facilitator, "questions:open", { open: true })).ok).toBe(true);
    const arrivals: Arrival[] = [];
    const ids: string[] = [];
    for (const [arrival, i] of shuffled(QUESTIONS).entries()) {
      const text = `Question ${i} asked in run ${code}?`;
      const sent = await emit(phones[i]!.socket, "question:send", { text });
      expect(sent.ok).toBe(true);
      // It reaches the console after the signals' delay (0 here): approved once it has.
      for (let tries = 0; !(await emit(facilitator, "question:set", { questionId: sent.data.id, action: "approve" })).ok; tries++) {
        expect(tries, "the question reaches the console").toBeLessThan(1000);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      ids.push(sent.data.id as string);
      arrivals.push({ group: "questions", arrival, key: text });
    }
    const voters = shuffled(PHONES).slice(0, 2 * K);
    const runId = query<{ id: string }>(server.dbFile, "select id from runs where code = ?", code)[0]!.id;
    for (let round = 1; round <= 2; round++) {
      for (const i of voters.slice((round - 1) * K, round * K)) {
        for (const q of shuffled(QUESTIONS)) {
          expect((await emit(phones[i]!.socket, "question:vote", { questionId: ids[q] })).ok).toBe(true);
          arrivals.push({ group: `votes on ${ids[q]}`, arrival: arrivals.length, key: questionVoteKey(salt, phones[i]!.device, ids[q]!) });
        }
      }
      // Exactly k more votes per question: each count is released at the next vote release check, 0 ms after a vote here.
      const released = () => query<{ n: number }>(server.dbFile, "select count(*) as n from questions where run_id = ? and released_votes = ?", runId, round * K)[0]!.n;
      await waitUntil(() => released() === QUESTIONS);
    }
    const vote = async (i: number) => {
      for (const q of shuffled(QUESTIONS)) {
        expect((await emit(phones[i]!.socket, "question:vote", { questionId: ids[q] })).ok).toBe(true);
        arrivals.push({ group: `votes on ${ids[q]}`, arrival: arrivals.length, key: questionVoteKey(salt, phones[i]!.device, ids[q]!) });
      }
    };
    const closeBox = async () => {
      for (let i = 0; i < PHONES; i++) if (!voters.includes(i)) await vote(i);
      expect((await emit(facilitator, "questions:open", { open: false })).ok).toBe(true);
    };
    return { questionArrivals: arrivals, closeBox };
  }

  /** The correlation over every file, each row ranked within its file, group and page. */
  function correlation(which: (run: (typeof runs)[number]) => Arrival[] = (run) => run.arrivals): number {
    return pearson(runs.flatMap((run) => rankPairs(run.server.dbFile, which(run))));
  }

  beforeAll(async () => {
    for (let i = 0; i < FILES; i++) {
      const server = await startTestServer();
      runs.push({ server, ...(await playRun(server)) });
    }
  }, 120_000);

  afterAll(async () => {
    closeAllClients();
    for (const run of runs) await run.server.stop();
  });

  it("keeps no trace of the order answers and \"I'm in\" arrived in once their prompt has closed, or the group has moved on from the agreement", () => {
    const rho = correlation();
    console.info(`arrival order against place in the file, prompts closed: Spearman rho ${rho.toFixed(3)}`);
    expect(Math.abs(rho)).toBeLessThan(0.5);
  });

  it("keeps no trace of the order questions and votes arrived in once their votes were released, the box still open", () => {
    const rho = correlation((run) => run.questionArrivals);
    console.info(`arrival order against place in the file, questions and votes released: Spearman rho ${rho.toFixed(3)}`);
    expect(Math.abs(rho)).toBeLessThan(0.5);
  });

  it("keeps no trace of the order questions and votes arrived in once the box has closed, votes released or not", async () => {
    for (const run of runs) await run.closeBox();
    const rho = correlation((run) => run.questionArrivals);
    console.info(`arrival order against place in the file, question box closed: Spearman rho ${rho.toFixed(3)}`);
    expect(Math.abs(rho)).toBeLessThan(0.5);
  });

  it("keeps no trace of the order answers, \"I'm in\", questions and votes arrived in once the run has ended, with prompts still open", async () => {
    for (const run of runs) {
      // Free text closed before the end, which then deletes it (never approved): updates to rows already rewritten.
      await run.answerInArrivalOrder({ id: "small-ask", answer: (i) => ({ type: "open-text", text: `something only phone ${i} would write` }) });
      expect((await emit(run.facilitator, "prompt:close", { promptId: "small-ask" })).ok).toBe(true);
      // Two prompts still open when the run ends, so closed by the end.
      await run.answerInArrivalOrder({ id: "strength", answer: (i) => ({ type: "word-cloud", words: [`word${i}`] }) });
      await run.answerInArrivalOrder({ id: "check-out", answer: (i) => ({ type: "scale", value: (i % 5) + 1 }) });
      expect((await emit(run.facilitator, "run:end", {})).ok).toBe(true);
    }
    const rho = correlation((run) => [...run.arrivals, ...run.questionArrivals]);
    console.info(`arrival order against place in the file, runs ended: Spearman rho ${rho.toFixed(3)}`);
    expect(Math.abs(rho)).toBeLessThan(0.5);
    // On their own, as the whole would hide them: the prompts the end closed, and the text it deleted after a close.
    for (const [what, groups] of [
      ["prompts the end closed", ["strength", "check-out"]],
      ["text the end deleted, its prompt closed before", ["small-ask"]],
    ] as const) {
      const rhoOf = correlation((run) => run.arrivals.filter((row) => (groups as readonly string[]).includes(row.group)));
      console.info(`arrival order against place in the file, ${what}: Spearman rho ${rhoOf.toFixed(3)}`);
      expect(Math.abs(rhoOf), what).toBeLessThan(0.5);
    }
    for (const run of runs) expect(run.server.errors()).toEqual([]);
  });
});

/**
 * Someone holds a read transaction on the file from another process (a backup, a report, a curious script) when a
 * run ends. Its key must go from the files as soon as the reader lets go, and meanwhile the server must keep going.
 */
describe.skipIf(sqliteOnly("adversary-storage", "it holds a SQLite reader open on the file and reads its write-ahead log"))("ending a run while another process reads the database", () => {
  let server: TestServer;
  let reader: Reader | undefined;

  afterAll(async () => {
    closeAllClients();
    await reader?.release();
    await server?.stop();
  });

  it("acknowledges the end and answers on another run without waiting, logs once, and destroys the run's key at the next try after the reader lets go", async () => {
    // Tries again after 20 ms, then at most every 100 ms: a test can wait for it.
    server = await startTestServer({ logRetryMs: { first: 20, max: 100 } });
    const ending = await startRun(server, "every-prompt", 3);
    const going = await startRun(server, "every-prompt", 3);
    const { socket: facilitator } = await connectFacilitator(server.url, ending.code, ending.cookie);
    const other = await connectFacilitator(server.url, going.code, going.cookie);
    const phone = await connectParticipant(server.url, going.code);
    await goToPrompt(other.socket, other.state, "check-in");
    expect((await emit(other.socket, "prompt:open", { promptId: "check-in" })).ok).toBe(true);
    const salt = query<{ salt: string }>(server.dbFile, "select response_key_salt as salt from runs where code = ?", ending.code)[0]!.salt;
    const saltInFiles = () => {
      const bytes = ["", "-wal"].map((suffix) => `${server.dbFile}${suffix}`).filter((file) => fs.existsSync(file)).map((file) => fs.readFileSync(file));
      return bytes.some((file) => file.includes(salt) || file.includes(Buffer.from(salt, "base64")));
    };
    expect(saltInFiles()).toBe(true);
    const logLines = () => server.logs.filter((line) => line.includes("write-ahead log"));

    reader = await holdReadTransaction(server.dbFile);
    // The server runs in this process: the longest its event loop stood still while the reader held.
    const stall = monitorEventLoopDelay({ resolution: 10 });
    stall.enable();
    // It measures from its second tick on: a stall before that would go unseen.
    await waitUntil(() => stall.count >= 2);
    // (A generous timeout: what is measured is the stall below, not this.)
    expect((await emit(facilitator, "run:end", {}, 20_000)).ok).toBe(true);
    expect((await phone.answer("check-in", { type: "scale", value: 4 })).ok).toBe(true);
    stall.disable();
    console.info(`while the reader held: the event loop stood still at most ${(stall.max / 1e6).toFixed(0)} ms`);
    // Waiting for the reader would have stood the loop still for the whole busy timeout.
    expect(stall.max / 1e6).toBeLessThan(BUSY_TIMEOUT_MS);
    // Honestly: while the reader holds its older version of the file, the key is still in the files...
    expect(saltInFiles()).toBe(true);
    // ...and the log says so (from the first try again on: a reader of a few milliseconds goes unmentioned), once,
    // however many tries.
    await waitUntil(() => logLines().length > 0);
    expect(logLines()).toEqual([expect.stringMatching(/ ERROR .*the write-ahead log could not be emptied \(another connection is reading the database\)/)]);

    await reader.release();
    reader = undefined;
    // Gone at the next try after the reader let go.
    await waitUntil(() => !saltInFiles());
    await waitUntil(() => logLines().some((line) => line.includes("the write-ahead log was emptied")));
    expect(logLines()).toHaveLength(2);
    expect(server.errors()).toHaveLength(1);
  });
});

interface Reader {
  release(): Promise<void>;
}

/**
 * Another process opens the file and holds a read transaction (as a backup tool would) until released. It must be
 * another process: the server runs in this one, and a reader here could not let go while the server waits.
 */
async function holdReadTransaction(dbFile: string): Promise<Reader> {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1], { readonly: true });
    db.prepare("begin").run();
    db.prepare("select count(*) from runs").get();
    process.stdout.write("holding\\n");
    process.stdin.once("data", () => { db.prepare("commit").run(); db.close(); process.stdout.write("released\\n"); process.exit(0); });`;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["-e", script, dbFile], { stdio: "pipe" });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitUntil(() => output.includes("holding") || child.exitCode !== null);
  if (!output.includes("holding")) throw new Error(`the reader did not start: ${output}`);
  return {
    release: async () => {
      child.stdin.write("release\n");
      await exited;
      if (!output.includes("released")) throw new Error(`the reader did not let go: ${output}`);
    },
  };
}

/** Resolves once `condition` holds, checking every 10 ms; fails after 15 s. */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 15_000) throw new Error(`not so after 15 s: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A stored key, the group it is compared within (a prompt, or the agreement) and its place in arrival order there. */
interface Arrival {
  group: string;
  arrival: number;
  key: string;
}

/** 0 … n-1 in a random order. */
function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Each row's rank in arrival order and its rank by byte offset in the database file, both within its group and page
 * (Spearman's correlation is the Pearson correlation of these ranks, pooled). Every key must be in the file exactly once, and not in the write-ahead log
 * (which is emptied after each close and end): a second copy would be an old version of the row left behind.
 * With the rows in arrival order it is -1 (a page fills from its end); with the rows in an order unrelated to arrival,
 * 160 rows ranked in groups of 8 put it within ±0.5 but for a chance far below one in a million.
 */
function rankPairs(dbFile: string, rows: Arrival[]): Array<[number, number]> {
  const file = fs.readFileSync(dbFile);
  const log = fs.existsSync(`${dbFile}-wal`) ? fs.readFileSync(`${dbFile}-wal`) : Buffer.alloc(0);
  const placed = rows.map((row) => {
    const key = Buffer.from(row.key);
    const offset = file.indexOf(key);
    expect(offset, `the key of row ${row.group} #${row.arrival} is in the file`).toBeGreaterThanOrEqual(0);
    expect(file.lastIndexOf(key), `the key of row ${row.group} #${row.arrival} is in the file once`).toBe(offset);
    expect(log.indexOf(key), `the key of row ${row.group} #${row.arrival} is not in the write-ahead log`).toBe(-1);
    return { ...row, offset };
  });
  // A page's cells are where arrival order would show: rows are compared with the rows of their group on their page.
  const pageSize = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
  const pageOf = (row: { group: string; offset: number }) => `${row.group} ${Math.floor(row.offset / pageSize)}`;
  const pairs: Array<[number, number]> = [];
  for (const group of new Set(placed.map(pageOf))) {
    const members = placed.filter((row) => pageOf(row) === group);
    const byOffset = [...members].sort((a, b) => a.offset - b.offset);
    const byArrival = [...members].sort((a, b) => a.arrival - b.arrival);
    for (const row of members) pairs.push([byArrival.indexOf(row), byOffset.indexOf(row)]);
  }
  return pairs;
}

function pearson(pairs: Array<[number, number]>): number {
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const mx = mean(pairs.map(([x]) => x));
  const my = mean(pairs.map(([, y]) => y));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
