import { randomInt } from "node:crypto";
import fs from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Answer } from "~/realtime/events";
import { responseKey } from "~/runs/secrets.server";

import { closeAllClients, connectFacilitator, connectParticipants, emit, goToPrompt, type TestParticipant, type TestSocket } from "../helpers/clients";
import { query } from "../helpers/database";
import { startRun, startTestServer, type TestServer } from "../helpers/server";

/**
 * Someone who gets a copy of the database file tries to read, from where each row sits in the file, the order in
 * which answers and "I'm in" arrived: with it, "the first to answer A was the first to answer B" links two answers
 * of one person, and "the last answer" points at whoever tapped last. SQLite writes a page's cells from the end of
 * the page towards its start as they arrive, so an untouched page keeps that order.
 */
describe("the order of arrival, read from the file's bytes", () => {
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
  const runs: Array<{ server: TestServer; facilitator: TestSocket; arrivals: Arrival[] }> = [];

  /** One run: every phone answers each prompt, then says "I'm in" on the agreement slide, in an order drawn at random. */
  async function playRun(server: TestServer) {
    const { code, cookie } = await startRun(server, "every-prompt", 3);
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
    for (const prompt of PROMPTS) {
      await goToPrompt(facilitator, state, prompt.id);
      expect((await emit(facilitator, "prompt:open", { promptId: prompt.id })).ok).toBe(true);
      await inArrivalOrder(prompt.id, prompt.id, async (phone, i) => expect((await phone.answer(prompt.id, prompt.answer(i))).ok).toBe(true));
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
    return { facilitator, arrivals };
  }

  /** The correlation over every file, each row ranked within its file, group and page. */
  function correlation(): number {
    return pearson(runs.flatMap((run) => rankPairs(run.server.dbFile, run.arrivals)));
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

  it("keeps no trace of the order answers and \"I'm in\" arrived in once the run has ended", async () => {
    for (const run of runs) expect((await emit(run.facilitator, "run:end", {})).ok).toBe(true);
    const rho = correlation();
    console.info(`arrival order against place in the file, runs ended: Spearman rho ${rho.toFixed(3)}`);
    expect(Math.abs(rho)).toBeLessThan(0.5);
    for (const run of runs) expect(run.server.errors()).toEqual([]);
  });
});

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
