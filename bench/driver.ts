/**
 * The benchmark's driver, forked by bench/run.ts: simulated phones and one facilitator console speaking the
 * documented realtime protocol (docs/realtime.md §14) over WebSocket, to Beside or to the bare baseline alike.
 * It measures in its own process, so the server's figures are not mixed with the clients' work.
 *
 * Definitions (docs/performance.md): ack latency is emit → acknowledgement received. Vote-to-tally is emit → the
 * first `facilitator:tally` received after the vote's acknowledgement whose counts.responses is at least the number
 * of rows (distinct phones) acknowledged on that prompt when the vote's acknowledgement arrived, rounded down to a
 * multiple of k (Beside's console counts an open prompt's responses in steps of k).
 */
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

import type { AudienceView, FacilitatorTally, FacilitatorView } from "~/realtime/events";
import { SYNC_SPREAD_MS } from "~/domain/rules";
import { responseKey } from "~/runs/secrets.server";

import { runSaltOf } from "../tests/helpers/backend";
import { connectFacilitator, connectParticipant, emit, goToPrompt, type Ack, type TestSocket } from "../tests/helpers/clients";
import { query } from "../tests/helpers/database";
import { OPTIONS_PER_PROMPT, percentile, round, sleep, type AnswerStats, type FacilitatorCommand, type FromDriver, type ToDriver } from "./shared";

const ACK_TIMEOUT_MS = 30_000;
const CONNECTS_IN_FLIGHT = 64;
/** Spread over loopback addresses so that tens of thousands of sockets never run short of ephemeral ports. */
const LOCAL_ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 1}`);

interface Phone {
  socket: TestSocket;
  device: string;
  /** The prompt on this phone's screen and whether it is open, from its snapshot and every audience:state. */
  onScreen: { promptId: string | null; open: boolean };
  /** When its last audience:state arrived (performance.now()). */
  stateAt: number;
  inFlight: boolean;
  /** The last acknowledged option per prompt: what must be stored at the end. */
  acked: Map<string, number>;
  answered: Set<string>;
}

let setup: Extract<ToDriver, { type: "setup" }>;
let facilitator: { socket: TestSocket; state: FacilitatorView };
const phones: Phone[] = [];
/** The votes of the prompt opened last, over every round sent to it. */
let votes: Votes;
const send = (message: FromDriver) => process.send!(message);

process.on("message", (message: ToDriver) => {
  handle(message).catch((error: unknown) =>
    send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

async function handle(message: ToDriver): Promise<void> {
  if (message.type === "setup") {
    setup = message;
    facilitator = await connectFacilitator(setup.consoleUrl ?? setup.url, setup.code, setup.cookie);
    send({ type: "ready" });
  } else if (message.type === "connect") {
    send({ type: "connected", ...(await connectUpTo(message.total)) });
  } else if (message.type === "open") {
    if (!message.alreadyOpen) await openPrompt(message.promptId);
    votes = new Votes(message.promptId);
    send({ type: "ready" });
  } else if (message.type === "burst") {
    await votes.round(() => burst(votes, message.windowMs));
    send({ type: "ran" });
  } else if (message.type === "paced") {
    await votes.round(() => paced(votes, message.rate, message.seconds));
    send({ type: "ran" });
  } else if (message.type === "command") {
    send({ type: "commanded", ...(await command(message.event, message.payload)) });
  } else if (message.type === "stats") {
    send({ type: "answered", stats: await votes.settle() });
  } else if (message.type === "disconnect") {
    for (const phone of phones.splice(0)) phone.socket.disconnect();
    send({ type: "ready" });
  } else if (message.type === "console") {
    await watchConsole(message.url, message.code, message.cookie);
    send({ type: "ready" });
  } else if (message.type === "reconnected") {
    send({ type: "reconnected", ...(await reconnected()) });
  } else {
    for (const phone of phones) phone.socket.disconnect();
    facilitator.socket.disconnect();
    process.exit(0);
  }
}

async function connectUpTo(total: number): Promise<{ connected: number; failed: number; ms: number }> {
  const started = performance.now();
  let next = phones.length;
  let failed = 0;
  const worker = async () => {
    while (next < total) {
      const n = next++;
      let socket: TestSocket | undefined;
      try {
        const participant = await connectParticipant(setup.url, setup.code, {
          localAddress: LOCAL_ADDRESSES[n % LOCAL_ADDRESSES.length],
          onSocket: (created) => (socket = created),
        });
        const prompt = participant.snapshot.slide.prompt;
        const phone: Phone = {
          socket: participant.socket,
          device: participant.device,
          onScreen: { promptId: prompt?.id ?? null, open: prompt?.phase === "open" },
          stateAt: 0,
          inFlight: false,
          acked: new Map(),
          answered: new Set(),
        };
        participant.socket.on("audience:state", (view: AudienceView) => {
          const prompt = view.slide.prompt;
          // As the phone page does (docs/realtime.md §14): back on a prompt that isn't pending, it asks for its own answer.
          if (prompt && prompt.id !== phone.onScreen.promptId && prompt.phase !== "pending") sync(phone, prompt.id);
          phone.onScreen = { promptId: prompt?.id ?? null, open: prompt?.phase === "open" };
          phone.stateAt = performance.now();
        });
        phones.push(phone);
      } catch {
        failed++;
        socket?.disconnect();
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTS_IN_FLIGHT }, worker));
  return { connected: phones.length, failed, ms: Math.round(performance.now() - started) };
}

/** The facilitator goes to the prompt's slide and opens it, as the console does; then every phone must show it open. */
async function openPrompt(promptId: string): Promise<void> {
  await goToPrompt(facilitator.socket, facilitator.state, promptId);
  const opened = await emit(facilitator.socket, "prompt:open", { promptId });
  if (!opened.ok) throw new Error(`prompt:open failed: ${JSON.stringify(opened)}`);
  const deadline = Date.now() + 60_000;
  while (phones.some((phone) => phone.onScreen.promptId !== promptId || !phone.onScreen.open)) {
    if (Date.now() > deadline) throw new Error("phones did not all see the prompt open within 60 s");
    await sleep(50);
  }
}

/** The phones' run:sync requests in flight, and how many were sent since the last command. */
const syncs = { inFlight: 0, sent: 0 };

/** After a random wait of up to SYNC_SPREAD_MS, as the phone page does; not if the phone's prompt changed meanwhile. */
function sync(phone: Phone, promptId: string): void {
  syncs.inFlight++;
  setTimeout(() => {
    if (phone.onScreen.promptId !== promptId) return void syncs.inFlight--;
    syncs.sent++;
    phone.socket.timeout(ACK_TIMEOUT_MS).emit("run:sync", {}, () => syncs.inFlight--);
  }, Math.random() * SYNC_SPREAD_MS);
}

/**
 * The facilitator sends a command; the figures are its acknowledgement and the moment every phone had an
 * audience:state sent after it (and had its run:sync, if it sent one, answered).
 */
async function command(event: FacilitatorCommand, payload: Record<string, unknown>): Promise<{ ackMs: number; allPhonesMs: number; syncs: number }> {
  syncs.sent = 0;
  const sentAt = performance.now();
  const acked = await emit(facilitator.socket, event, payload, ACK_TIMEOUT_MS);
  if (!acked.ok) throw new Error(`${event} failed: ${JSON.stringify(acked)}`);
  const ackMs = performance.now() - sentAt;
  const deadline = Date.now() + 60_000;
  while (syncs.inFlight > 0 || phones.some((phone) => phone.stateAt < sentAt)) {
    if (Date.now() > deadline) throw new Error(`phones did not all see ${event} within 60 s`);
    await sleep(5);
  }
  return { ackMs: round(ackMs), allPhonesMs: round(performance.now() - sentAt), syncs: syncs.sent };
}

/** The takeover's console (bench/run.ts, `--processes N`): when its connection dropped, came back, and was sent a state. */
const takeover = { droppedAt: 0, connectedAt: 0, stateAt: 0 };

/** Another console on the takeover's run; it reconnects on its own, as the console page does (tests/helpers/clients.ts). */
async function watchConsole(url: string, code: string, cookie: string): Promise<void> {
  const { socket } = await connectFacilitator(url, code, cookie);
  socket.on("disconnect", () => (takeover.droppedAt ||= Date.now()));
  socket.on("connect", () => {
    if (takeover.droppedAt) takeover.connectedAt ||= Date.now();
  });
  socket.on("facilitator:state", () => {
    if (takeover.connectedAt && !takeover.stateAt) takeover.stateAt = Date.now();
  });
}

async function reconnected(): Promise<typeof takeover> {
  const deadline = Date.now() + 60_000;
  while (!takeover.stateAt) {
    if (Date.now() > deadline) throw new Error(`the console did not reconnect and get a facilitator:state within 60 s: ${JSON.stringify(takeover)}`);
    await sleep(5);
  }
  return takeover;
}

/** One scenario's votes: sends them, and measures acknowledgements and the facilitator's tallies. */
class Votes {
  readonly ack: number[] = [];
  readonly voteToTally: number[] = [];
  readonly failed: Record<string, number> = {};
  sent = 0;
  private rows = 0;
  private waiting: Array<{ sentAt: number; rows: number }> = [];
  private head = 0;
  private outstanding = 0;
  /** How far the sender fell behind its schedule at worst (ms). */
  lag = 0;
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });
  private readonly busy = { cpuMs: 0, wallMs: 0 };

  constructor(readonly promptId: string) {
    facilitator.socket.on("facilitator:tally", this.onTally);
  }

  /** One round of sending, until every vote of it is acknowledged; the driver's CPU and loop delay are measured over rounds only. */
  async round(send: () => Promise<void>): Promise<void> {
    const [cpu, at] = [process.cpuUsage(), performance.now()];
    this.loop.enable();
    await send();
    while (this.outstanding > 0) await sleep(5);
    this.loop.disable();
    const used = process.cpuUsage(cpu);
    this.busy.cpuMs += (used.user + used.system) / 1000;
    this.busy.wallMs += performance.now() - at;
  }

  private readonly onTally = (tally: FacilitatorTally) => {
    if (tally.promptId !== this.promptId) return;
    const now = performance.now();
    const responses = tally.counts?.responses ?? 0;
    // Beside's console counts an open prompt's responses in steps of k (the baseline's has no run, and counts each).
    const step = (facilitator.state as Partial<FacilitatorView>).run?.k ?? 1;
    while (this.head < this.waiting.length && Math.floor(this.waiting[this.head]!.rows / step) * step <= responses) {
      this.voteToTally.push(now - this.waiting[this.head++]!.sentAt);
    }
  };

  vote(phone: Phone): void {
    const option = Math.floor(Math.random() * OPTIONS_PER_PROMPT);
    const payload = { id: randomBytes(9).toString("base64url"), promptId: this.promptId, answer: { type: "single-choice", option } };
    const sentAt = performance.now();
    phone.inFlight = true;
    phone.answered.add(this.promptId);
    this.sent++;
    this.outstanding++;
    const timed = phone.socket.timeout(ACK_TIMEOUT_MS) as unknown as { emit(e: string, p: unknown, cb: AckCallback): void };
    timed.emit(
      "response:submit",
      payload,
      (err, result) => {
        const now = performance.now();
        phone.inFlight = false;
        this.outstanding--;
        if (err || !result.ok) {
          const code = err ? "timeout" : (result.error?.code ?? "unknown");
          this.failed[code] = (this.failed[code] ?? 0) + 1;
          return;
        }
        this.ack.push(now - sentAt);
        if (!phone.acked.has(this.promptId)) this.rows++;
        phone.acked.set(this.promptId, option);
        this.waiting.push({ sentAt, rows: this.rows });
      },
    );
  }

  /** Waits for the tallies that cover every acknowledged vote (at most 10 s), then checks what is stored. */
  async settle(): Promise<AnswerStats> {
    const deadline = Date.now() + 10_000;
    while (this.head < this.waiting.length && Date.now() < deadline) await sleep(20);
    facilitator.socket.off("facilitator:tally", this.onTally);
    const summary = (values: number[]) => ({
      p50: round(percentile(values, 50)),
      p99: round(percentile(values, 99)),
      max: round(values.reduce((a, b) => (b > a ? b : a), values[0] ?? NaN)),
    });
    return {
      sent: this.sent,
      acked: this.ack.length,
      failed: this.failed,
      ack: summary(this.ack),
      voteToTally: summary(this.voteToTally),
      noTally: this.waiting.length - this.head,
      ...storedCheck(this.promptId),
      senderLagMs: round(this.lag),
      driverLoopP99Ms: round(this.loop.percentile(99) / 1e6),
      driverCpuPct: Math.round((100 * this.busy.cpuMs) / this.busy.wallMs),
    };
  }
}

/** Every phone answers once, at a random moment within the window: each vote adds a row. */
async function burst(votes: Votes, windowMs: number): Promise<void> {
  const start = performance.now();
  await Promise.all(
    phones.map(
      (phone) =>
        new Promise<void>((resolve) => {
          const at = Math.random() * windowMs;
          setTimeout(() => {
            votes.lag = Math.max(votes.lag, performance.now() - start - at);
            votes.vote(phone);
            resolve();
          }, at);
        }),
    ),
  );
}

/**
 * `rate` answers a second for `seconds`, from the phones in turn (one answer in flight per phone): the first round
 * adds rows, later ones change answers. A phone still waiting for its ack is skipped for the next one.
 */
async function paced(votes: Votes, rate: number, seconds: number): Promise<void> {
  const total = rate * seconds;
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const elapsed = performance.now() - start;
    const due = Math.min(total, Math.floor((elapsed * rate) / 1000));
    if (due - sent > 1) votes.lag = Math.max(votes.lag, elapsed - (sent * 1000) / rate);
    for (let tried = 0; sent < due && tried < phones.length; tried++) {
      const phone = phones[nextPhone++ % phones.length]!;
      if (phone.inFlight) continue;
      votes.vote(phone);
      sent++;
    }
    await sleep(2);
  }
}

let nextPhone = 0;

/**
 * Reads the prompt's stored rows from the server's database (its SQLite file, or PostgreSQL through psql). Lost: acknowledged answers whose row is missing or
 * holds something else. Duplicates: rows beyond one per phone that answered.
 */
function storedCheck(promptId: string): { lost: number; duplicates: number } {
  const runs = `select id, ${runSaltOf(setup.dbFile)} as salt from runs where code = ?`;
  const [run] = query<{ id: string; salt: string }>(setup.dbFile, runs, setup.code);
  if (!run?.salt) throw new Error("the run or its salt is missing");
  const rows = query<{ key: string; answer: string }>(
    setup.dbFile,
    "select response_key as key, answer from responses where run_id = ? and prompt_id = ?",
    run.id,
    promptId,
  );
  const stored = new Map(rows.map((row) => [row.key, row.answer]));
  let lost = 0;
  let answered = 0;
  for (const phone of phones) {
    if (phone.answered.has(promptId)) answered++;
    const option = phone.acked.get(promptId);
    if (option !== undefined && stored.get(responseKey(run.salt, phone.device, promptId)) !== JSON.stringify([option])) lost++;
  }
  return { lost, duplicates: rows.length - answered };
}

type AckCallback = (err: unknown, result: Ack) => void;

