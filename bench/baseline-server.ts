/**
 * The bare baseline of `npm run bench`: Socket.IO and better-sqlite3 doing the work an answer needs, with none of
 * Beside's logic (no plan, no k, no releases, no accounts, tiny payloads). It accepts the same handshake and event
 * names, so one driver drives both, and Beside's figures are reported as ratios to these on the same machine.
 *
 * The same work: WAL with synchronous=FULL, one row per (run, prompt, response key) upserted in a table of the same
 * shape as Beside's (WITHOUT ROWID, decision 002), answers committed in one transaction per event-loop turn and
 * acknowledged after it, and the facilitator's tally a GROUP BY sent at most every 100 ms (a change schedules it, as
 * Beside's hub does). The facilitator's commands each change a flag and send every screen the new state; a revealed
 * prompt's state carries its GROUP BY, and while it is open so does every tally's update to the phones; a phone's
 * run:sync reads its own answer by its key.
 *
 * Env: DATABASE_FILE (required), PORT (0 picks one). Prints "Baseline is running at <url> code <CODE>".
 */
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";

import Database from "better-sqlite3";
import { Server, type Socket } from "socket.io";

import { responseKey } from "~/runs/secrets.server";

import { BENCH_SLIDES } from "./shared";

const CODE = "BENCHX";
const db = new Database(process.env.DATABASE_FILE!);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec(`
  create table runs (id text primary key, code text not null unique, response_key_salt text);
  create table responses (
    run_id text not null references runs(id), prompt_id text not null, response_key text not null,
    passed integer not null, answer text not null, primary key (run_id, prompt_id, response_key)) without rowid;`);
const runId = randomUUID();
const salt = randomBytes(32).toString("base64");
/** Decoded once, as Beside keeps it for a live run. */
const saltKey = Buffer.from(salt, "base64");
db.prepare("insert into runs (id, code, response_key_salt) values (?, ?, ?)").run(runId, CODE, salt);

const upsert = db.prepare(`
  insert into responses (run_id, prompt_id, response_key, passed, answer) values (?, ?, ?, 0, ?)
  on conflict (run_id, prompt_id, response_key) do update set passed = excluded.passed, answer = excluded.answer`);
const tallyQuery = db.prepare("select answer, count(*) as count from responses where run_id = ? and prompt_id = ? group by answer");
const mineQuery = db.prepare("select answer from responses where run_id = ? and prompt_id = ? and response_key = ?");

let current = 0;
let paused = false;
let ended = false;
const open = new Set<string>();
const closed = new Set<string>();
const revealed = new Set<string>();
const results = (promptId: string) => tallyQuery.all(runId, promptId) as Array<{ answer: string; count: number }>;
type Ack = (result: unknown) => void;
let queue: Array<{ key: string; promptId: string; answer: string; ack: Ack; data: unknown }> = [];
let tallyTimer: NodeJS.Timeout | undefined;

const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
const room = (role: string) => `role:${role}`;
const phaseOf = (id: string) => (open.has(id) ? "open" : closed.has(id) ? "closed" : "pending");
const promptView = () => {
  const id = BENCH_SLIDES[current];
  return { index: current, prompt: id ? { id, phase: phaseOf(id), revealed: revealed.has(id) } : null };
};
const audienceState = () => {
  const id = BENCH_SLIDES[current];
  return { run: { state: ended ? "ended" : "live", paused }, slide: promptView(), results: id && revealed.has(id) ? results(id) : null };
};
const publishState = () => io.to(room("participant")).emit("audience:state", audienceState());
const slides = BENCH_SLIDES.map((id, index) => ({ index, prompt: id ? { id } : null }));

io.use((socket, next) => {
  const auth = socket.handshake.auth as { role?: string; code?: string; device?: string };
  const role = ["participant", "display", "facilitator"].includes(auth.role ?? "");
  if (auth.code !== CODE || !role) return next(new Error("invalid-payload"));
  if (auth.role === "participant" && !/^[A-Za-z0-9_-]{43,128}$/.test(auth.device ?? "")) return next(new Error("invalid-payload"));
  socket.data = { role: auth.role, device: auth.device };
  next();
});

io.on("connection", (socket: Socket) => {
  const { role, device } = socket.data as { role: string; device?: string };
  void socket.join(room(role));
  if (role === "participant") {
    socket.emit("participant:snapshot", { ...audienceState(), mine: null });
    tallyChanged();
    socket.on("disconnect", tallyChanged);
    socket.on("response:submit", (payload: { id: string; promptId: string; answer: { option: number } }, ack: Ack) => {
      if (BENCH_SLIDES[current] !== payload?.promptId || !open.has(payload.promptId)) {
        return ack({ ok: false, error: { code: "prompt-not-open", message: "not open" } });
      }
      queue.push({
        key: responseKey(saltKey, device!, payload.promptId),
        promptId: payload.promptId,
        answer: JSON.stringify([payload.answer.option]),
        ack,
        data: payload,
      });
      if (queue.length === 1) setImmediate(commit);
    });
    socket.on("run:sync", (_payload: unknown, ack: Ack) => {
      const id = BENCH_SLIDES[current];
      const mine = id ? (mineQuery.get(runId, id, responseKey(saltKey, device!, id)) as { answer: string } | undefined) : undefined;
      ack({ ok: true, data: { ...audienceState(), mine: mine?.answer ?? null } });
    });
  } else if (role === "facilitator") {
    socket.emit("facilitator:state", { current, slides });
    socket.on("slide:go", ({ index }: { index: number }, ack: Ack) => {
      current = index;
      ack({ ok: true, data: { index } });
      publishState();
    });
    const promptCommand = (change: (promptId: string) => void) => ({ promptId }: { promptId: string }, ack: Ack) => {
      change(promptId);
      ack({ ok: true, data: { phase: phaseOf(promptId), revealed: revealed.has(promptId) } });
      publishState();
    };
    socket.on("prompt:open", promptCommand((id) => (open.add(id), closed.delete(id))));
    socket.on("prompt:close", promptCommand((id) => (open.delete(id), closed.add(id))));
    socket.on("prompt:reveal", promptCommand((id) => revealed.add(id)));
    socket.on("prompt:hide", promptCommand((id) => revealed.delete(id)));
    socket.on("run:pause", (payload: { paused: boolean }, ack: Ack) => {
      paused = payload.paused;
      ack({ ok: true, data: { paused } });
      publishState();
    });
    socket.on("run:end", (_payload: unknown, ack: Ack) => {
      ended = true;
      ack({ ok: true, data: { state: "ended" } });
      publishState();
    });
  }
});

/** One transaction for everything that arrived in this turn, then every acknowledgement. */
const commitAll = db.transaction((batch: typeof queue) => {
  for (const item of batch) upsert.run(runId, item.promptId, item.key, item.answer);
});
function commit() {
  const batch = queue;
  queue = [];
  commitAll(batch);
  for (const item of batch) item.ack({ ok: true, data: item.data });
  tallyChanged();
}

function tallyChanged() {
  tallyTimer ??= setTimeout(() => {
    tallyTimer = undefined;
    const promptId = BENCH_SLIDES[current];
    const rows = promptId ? results(promptId) : [];
    const responses = rows.reduce((sum, row) => sum + row.count, 0);
    io.to(room("facilitator")).emit("facilitator:tally", {
      promptId: promptId ?? null,
      counts: promptId ? { responses, passes: null } : null,
      results: rows,
      connected: io.sockets.adapter.rooms.get(room("participant"))?.size ?? 0,
    });
    if (promptId && revealed.has(promptId) && open.has(promptId)) io.to(room("participant")).emit("audience:live", { slideIndex: current, results: rows });
  }, 100);
}

httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = httpServer.address() as { port: number };
  console.log(`Baseline is running at http://127.0.0.1:${port} code ${CODE}`);
});
process.on("SIGTERM", () => {
  clearTimeout(tallyTimer);
  void io.close(() => {
    db.close();
    process.exit(0);
  });
});
