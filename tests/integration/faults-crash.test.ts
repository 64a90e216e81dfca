import { afterEach, expect, it } from "vitest";

import { responseKey } from "~/runs/secrets.server";

import { jsonElements, runSalt } from "../helpers/backend";
import { closeAllClients, connectFacilitator, emit, goToPrompt, nextEvent } from "../helpers/clients";
import { query } from "../helpers/database";
import { answerInBurst, SimulatedPhone } from "../helpers/phone";
import { startServerProcess, type ServerProcess } from "../helpers/process";
import { startRun } from "../helpers/server";

const PHONES = 500;
const BURST_MS = 3000;

const servers: ServerProcess[] = [];

afterEach(async () => {
  closeAllClients();
  for (const server of servers.splice(0)) {
    await server.stop("SIGKILL");
    expect(server.output()).not.toContain(" ERROR ");
  }
});

it(
  "a server killed in the middle of a burst of 500 answers loses none it acknowledged, stores none twice, and phones resend the rest",
  async () => {
    // Five hundred phones from one address: more than a venue's Wi-Fi is allowed by default.
    const first = await startServerProcess({ PARTICIPANTS_PER_ADDRESS: String(PHONES) });
    servers.push(first);
    const { code, cookie } = await startRun(first, "every-prompt", 5);
    const { socket: facilitator, state } = await connectFacilitator(first.url, code, cookie);
    await goToPrompt(facilitator, state, "belief");
    expect((await emit(facilitator, "prompt:open", { promptId: "belief" })).ok).toBe(true);
    const prompt = state.slides.find((slide) => slide.prompt?.id === "belief")!.prompt!;

    const phones: SimulatedPhone[] = [];
    for (let i = 0; i < PHONES; i += 50) {
      phones.push(...(await Promise.all(Array.from({ length: 50 }, () => SimulatedPhone.join(first.url, code)))));
    }
    const choice = (i: number) => ({ type: "single-choice" as const, option: i % 2 });

    // Everyone answers within a few seconds; the server is killed once a third of the answers are acknowledged.
    let killed: Promise<unknown> | undefined;
    const deliveries = answerInBurst(phones, prompt, choice, BURST_MS, (count) => {
      if (count === Math.floor(PHONES / 3)) killed = first.stop("SIGKILL");
    });
    await expect.poll(() => killed, { timeout: 30_000 }).toBeDefined();
    await killed;

    // The same address and database, as a process manager would restart it. Phones reconnect on their own.
    const port = new URL(first.url).port;
    const second = await startServerProcess({ PORT: port, DATABASE_FILE: first.dbFile, PARTICIPANTS_PER_ADDRESS: String(PHONES) });
    servers.push(second);
    // Every phone ends told its answer is in: those acknowledged before the kill, and the rest, sent again.
    expect(await deliveries).toEqual(phones.map(() => "committed"));

    const [run] = query<{ id: string; response_key_salt: string }>(second.dbFile, `select id, ${runSalt} as response_key_salt from runs`);
    const rows = query<{ response_key: string; answer: string }>(
      second.dbFile,
      "select response_key, answer from responses where run_id = ? and prompt_id = 'belief'",
      run!.id,
    );
    // One row per phone, each holding that phone's answer: nothing acknowledged lost, nothing counted twice.
    expect(rows).toHaveLength(PHONES);
    const stored = new Map(rows.map((row) => [row.response_key, JSON.parse(row.answer) as number[]]));
    phones.forEach((phone, i) => {
      expect(stored.get(responseKey(run!.response_key_salt, phone.device, "belief"))).toEqual([choice(i).option]);
      expect(phone.committed.get("belief")).toEqual(choice(i));
    });

    // The tally after the restart is the GROUP BY over what is stored.
    const grouped = query<{ option: number; count: number }>(
      second.dbFile,
      `select cast(j.value as integer) as option, count(*) as count from responses, ${jsonElements("responses.answer", "j")}
       where run_id = ? and prompt_id = 'belief' group by j.value order by 1`,
      run!.id,
    );
    const { socket: console2 } = await connectFacilitator(second.url, code, cookie);
    const closed = nextEvent(console2, "facilitator:state", (view) => view.slides[view.current]?.status?.phase === "closed", 10_000);
    expect((await emit(console2, "prompt:close", { promptId: "belief" })).ok).toBe(true);
    const results = (await closed).results;
    expect(results?.status).toBe("shown");
    if (results?.status !== "shown" || results.tally.type !== "single-choice") throw new Error("expected a choice tally");
    expect(results.tally.options.map((option) => option.count)).toEqual(grouped.map((row) => row.count));
    expect(grouped.map((row) => row.count)).toEqual([PHONES / 2, PHONES / 2]);
    for (const phone of phones) phone.close();
  },
  120_000,
);
