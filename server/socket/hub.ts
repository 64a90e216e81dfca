import type { Server } from "socket.io";

import type { AudienceLive, ClientToServerEvents, Role, ServerToClientEvents, SignalCounts, SignalKind, SocketData } from "~/realtime/events";
import { liveOf } from "~/realtime/live";
import type { LoadedRun, Presence, RunEngine, Views } from "~/runs/run-engine.server";

import { SIGNAL_WINDOW_MS, SignalBoard } from "~/runs/signals.server";

import type { HubMessage } from "../cluster/hub-messages";
import { PRESENCE_EVERY_MS, PRESENCE_FRESH_MS, RemotePresence } from "../cluster/presence";
import { AudienceSender } from "./audience-sender";

export type BesideIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Results go out at most this often per run, however fast answers arrive. */
export const TALLY_INTERVAL_MS = 100;

/** A broadcast to a run's phones and displays reaches at most this many per turn of the event loop (decision 040). */
export const AUDIENCE_PER_TURN = 250;

export function roleRoom(runId: string, role: Role): string {
  return `run:${runId}:${role}`;
}

export interface HubOptions {
  /**
   * A signal reaches the console after a random delay in this range (ms), so
   * the moment it appears doesn't point at whoever just touched their phone.
   */
  signalDelayMs: readonly [number, number];
  /**
   * Released answers go out on this clock: at the next multiple of this many ms (of Date.now()) after an answer,
   * so the moment of a release follows the clock, not the tap that completed its batch.
   */
  releaseIntervalMs: number;
  /** Phones and displays sent a broadcast per turn of the event loop (AUDIENCE_PER_TURN unless a test says). */
  audiencePerTurn?: number;
  /** The other Beside processes, when there are any (REDIS_URL): see RunHub. */
  cluster?: HubCluster;
}

/**
 * What the hub needs of the other processes (issue 20, decision 052): the bus to tell them what changed, and the
 * lease that says which process does a run's serialised work. The server wires the bus's messages from others
 * to `RunHub.receive`, the bus coming back to `RunHub.reconnected`, and a lease gained to `RunHub.gained`.
 */
export interface HubCluster {
  bus: { readonly up: boolean; publish(message: HubMessage): boolean };
  authority: { holds(runId: string): boolean; runs(): string[] };
}

/** After a phone or display comes or goes, the other processes hear of it within this long. */
const PRESENCE_SOON_MS = 250;

/**
 * Sends what has been committed to the right rooms. State changes (slide,
 * phase, end) go out at once; results are coalesced per run.
 *
 * With several processes (`options.cluster`), each sends only its own sockets (`io.local`), reading what it sends
 * from storage like the others, and tells them on the bus when it changed something; the run's holder (its lease)
 * alone runs the release clock and the delays of signals, questions and votes, which the others forward to it.
 * While the bus is down each process does all of that for its own screens, as a single process does.
 *
 * What goes out is built from reads of storage, which may answer later. A run's publishes (state, tally, the
 * console's queue) are built and sent one after another in the order they were asked for (`inOrder`), so a slower
 * build asked for earlier never lands after a newer one; a screen joining the run (`joining`) waits for the
 * publishes asked before it and holds back those asked after it. Failures go to `onError`, and nothing is sent
 * once the hub is closed, even by a build that was waiting then.
 */
export class RunHub {
  /** Per run, the tally waiting to be sent and when it is due (performance.now()). */
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; due: number }>();
  /** Per run, the release check waiting for the next tick of the release clock. */
  private readonly releases = new Map<string, NodeJS.Timeout>();
  /** The runs with a vote release check waiting (voteReceived). */
  private readonly voteChecks = new Set<string>();
  /** The last public update sent per run, so an unchanged one isn't sent again. */
  private readonly lastPublic = new Map<string, string>();
  private readonly signals = new SignalBoard();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** What goes to a run's phones and displays: in slices, in order. */
  private readonly audience: AudienceSender;
  /** Per run with a publish or a joining screen under way: see inOrder. */
  private readonly lines = new Map<string, RunLine>();
  private closed = false;

  private alsoConnected: (runId: string) => number = () => 0;
  /** The phones and displays on the other processes, and the signal counts their holder last told. */
  private readonly remote = new RemotePresence();
  private readonly remoteSignals = new Map<string, SignalCounts>();
  /** Runs whose "answers" were told less than TALLY_INTERVAL_MS ago, and whether more came since. */
  private readonly answersTold = new Map<string, boolean>();
  /** What this process last said of its phones and displays, per run; and the word it will say soon. */
  private lastPresence = new Map<string, [number, number]>();
  private presenceTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: BesideIo,
    private readonly engine: RunEngine,
    private readonly onError: (error: unknown) => void,
    private readonly options: HubOptions = { signalDelayMs: [0, 0], releaseIntervalMs: TALLY_INTERVAL_MS },
  ) {
    this.audience = new AudienceSender(io, options.audiencePerTurn ?? AUDIENCE_PER_TURN, onError);
    if (options.cluster) {
      const every = setInterval(() => {
        this.sayPresence();
        // A process gone silent (it died) stops counting: the consoles of its runs get the new count.
        for (const runId of this.remote.expire()) if (this.hasScreens(runId)) this.tallySoon(runId);
      }, PRESENCE_EVERY_MS);
      every.unref();
      this.everySecond = every;
    }
  }

  private everySecond: NodeJS.Timeout | undefined;

  signalCounts(runId: string) {
    if (!this.duty(runId)) return this.remoteSignals.get(runId) ?? this.signals.counts(runId);
    return this.signals.counts(runId);
  }

  /** A message from another process (validated by the bus). */
  receive(from: string, message: HubMessage): void {
    if (this.closed) return;
    // What only changes screens is read and sent by the processes that have screens of the run.
    switch (message.t) {
      case "state":
        if (this.hasScreens(message.run)) void this.publishStateHere(message.run);
        else void this.forgetIfEnded(message.run);
        return;
      case "answers":
        if (this.duty(message.run)) this.releaseOnTheClock(message.run);
        if (this.hasScreens(message.run)) this.tallySoon(message.run);
        return;
      case "tally":
        if (!this.hasScreens(message.run)) return;
        this.cancelTally(message.run);
        void this.publishTally(message.run);
        return;
      case "console":
        if (this.hasScreens(message.run)) void this.publishConsole(message.run);
        return;
      case "signal":
        if (this.duty(message.run)) this.countSignal(message.run, message.kind);
        return;
      case "question":
        if (this.duty(message.run)) this.questionArriving(message.run, message.id);
        return;
      case "vote":
        if (this.duty(message.run)) this.checkVotes(message.run);
        return;
      case "signals":
        this.remoteSignals.set(message.run, message.counts);
        this.io.local.to(roleRoom(message.run, "facilitator")).emit("facilitator:signals", message.counts);
        return;
      case "presence":
        for (const runId of this.remote.heard(from, message.runs)) if (this.hasScreens(runId)) this.tallySoon(runId);
        return;
    }
  }

  /**
   * This process became the run's holder (at start, or taking over from one that died or stopped): every screen
   * gets the state, and what may have been left waiting is done (a release, a vote check, the signal counts).
   */
  gained(runId: string): void {
    if (this.closed) return;
    void this.publishState(runId);
    void this.releaseNow(runId);
    this.checkVotes(runId);
    this.publishSignals(runId);
    void this.questionsLeftArriving(runId);
  }

  /** Questions the run's last holder was delaying when it stopped: each waits a delay of its own from now. */
  private async questionsLeftArriving(runId: string): Promise<void> {
    try {
      for (const question of await this.engine.questionsArriving()) {
        if (question.runId === runId) this.questionArriving(runId, question.questionId);
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /** The bus is down: the other processes' word is kept as it was until it is back (see RemotePresence). */
  disconnected(): void {
    this.remote.freeze();
  }

  /**
   * The bus is back after an outage: what this process's screens may have missed is sent again, the others are
   * told of every run it has screens of (they may have missed this process's changes), and of its phones.
   */
  reconnected(): void {
    if (this.closed) return;
    this.remote.thaw();
    const held = new Set(this.options.cluster?.authority.runs() ?? []);
    for (const runId of this.localRuns()) if (!held.has(runId)) void this.publishState(runId);
    // What the others forwarded to this process while it couldn't hear (a question, a vote, answers) is looked for
    // again in the database, for every run it holds.
    for (const runId of held) this.gained(runId);
    this.lastPresence.clear();
    this.sayPresence();
  }

  /**
   * A phone's pause or stepping-out signal. Counted and told to the console
   * after a random delay; told again when it drops out of the window.
   */
  signalReceived(runId: string, kind: SignalKind): void {
    if (this.duty(runId)) this.countSignal(runId, kind);
    else this.tell({ t: "signal", run: runId, kind });
  }

  private countSignal(runId: string, kind: SignalKind): void {
    const [min, max] = this.options.signalDelayMs;
    this.later(min + Math.random() * (max - min), () => {
      this.signals.record(runId, kind);
      this.publishSignals(runId);
      this.later(SIGNAL_WINDOW_MS + 1, () => this.publishSignals(runId));
    });
  }

  /**
   * A phone sent a question (or, at start-up, a question was still on its way when the last process stopped): after
   * the same random delay as a signal, it joins the console's queue (and only the console is told), so the moment it
   * appears doesn't point at anyone. Each question waits its own delay from now.
   */
  questionReceived(runId: string, questionId: string): void {
    if (this.duty(runId)) this.questionArriving(runId, questionId);
    else this.tell({ t: "question", run: runId, id: questionId });
  }

  private questionArriving(runId: string, questionId: string): void {
    const [min, max] = this.options.signalDelayMs;
    this.later(min + Math.random() * (max - min), async () => {
      if (!(await this.engine.questionArrived(runId, questionId)) || this.closed) return;
      this.tell({ t: "console", run: runId });
      await this.publishConsole(runId);
    });
  }

  /** The console's view (its queue of questions), in the run's order of publishes. */
  private publishConsole(runId: string): Promise<void> {
    return this.inOrder(runId, () =>
      this.engine.sharedReads(async (views) => {
        const run = await views.loadRun(runId);
        if (run) await this.emitConsoleState(views, run);
      }),
    );
  }

  /**
   * A phone voted for a question. Nobody is told of the vote itself: the hub only checks for a vote release, after
   * the same random delay as a signal (one check waiting per run at a time), so the moment a count moves doesn't
   * point at whoever completed its step of k. A release sends what it released: the console's tally and the
   * screens' update.
   */
  voteReceived(runId: string): void {
    if (this.duty(runId)) this.checkVotes(runId);
    else this.tell({ t: "vote", run: runId });
  }

  private checkVotes(runId: string): void {
    if (this.closed || this.voteChecks.has(runId)) return;
    this.voteChecks.add(runId);
    const [min, max] = this.options.signalDelayMs;
    this.later(min + Math.random() * (max - min), async () => {
      // Cleared before the check: a vote that arrives while it reads has a check of its own.
      this.voteChecks.delete(runId);
      if (!(await this.engine.releaseVotesDue(runId)) || this.closed) return;
      await this.publishReleased(runId);
    });
  }

  private async emitConsoleState(views: Views, run: LoadedRun): Promise<void> {
    const view = await views.facilitatorView(run, this.presence(run.row.id), this.signalCounts(run.row.id));
    if (this.closed) return;
    this.io.local.to(roleRoom(run.row.id, "facilitator")).emit("facilitator:state", view);
  }

  /**
   * The run's phones: its connected sockets, and the phones answering by form that are remembered (form-phones.ts),
   * on this process and, by their last word, on the others.
   */
  connectedParticipants(runId: string): number {
    return this.phonesHere(runId) + this.remote.of(runId).phones;
  }

  /**
   * The run's phones for its recorded peak: as connectedParticipants, but of the other processes only their fresh
   * words, so the phones of a process that just died, reconnecting here, aren't counted twice.
   */
  participantsForPeak(runId: string): number {
    return this.phonesHere(runId) + this.remote.of(runId, PRESENCE_FRESH_MS).phones;
  }

  private phonesHere(runId: string): number {
    return (this.io.sockets.adapter.rooms.get(roleRoom(runId, "participant"))?.size ?? 0) + this.alsoConnected(runId);
  }

  /** Phones present without a socket, counted with the sockets from now on. */
  countAlso(phones: (runId: string) => number): void {
    this.alsoConnected = phones;
  }

  /** The room's displays connected to the run right now: a console's preview of the display, in the same room, isn't one. */
  connectedDisplays(runId: string): number {
    return this.displaysHere(runId) + this.remote.of(runId).displays;
  }

  private displaysHere(runId: string): number {
    let displays = 0;
    for (const id of this.io.sockets.adapter.rooms.get(roleRoom(runId, "display")) ?? []) {
      if (!this.io.sockets.sockets.get(id)?.data.preview) displays++;
    }
    return displays;
  }

  /** Who is connected to the run, for the console. */
  presence(runId: string): Presence {
    return { connected: this.connectedParticipants(runId), displays: this.connectedDisplays(runId) };
  }

  /**
   * After a slide, phase or run-state change: a fresh view for every screen of the run, after the run's publishes
   * asked for before it. Settles once it went out (or failed, told to onError); never rejects.
   */
  publishState(runId: string): Promise<void> {
    this.tell({ t: "state", run: runId });
    return this.publishStateHere(runId);
  }

  private publishStateHere(runId: string): Promise<void> {
    // A tally asked for before is part of this state, which will be read after it. (One asked for from now on still
    // goes out, after this state: what it is for may be read too late for this one.)
    this.cancelTally(runId);
    return this.inOrder(runId, () => this.engine.sharedReads((views) => this.publishStateNow(views, runId)));
  }

  /**
   * A screen of the run joining (its socket's snapshot): `join` runs after the run's publishes asked for so far have
   * gone out, and those asked for from now on wait for it, so the screen's snapshot and the broadcasts it is sent
   * from then on follow each other without a gap or a step back. Screens joining at once don't wait for each other.
   * Rejects if `join` does (nothing is told to onError: the caller says what failed).
   */
  joining(runId: string, join: () => Promise<void>): Promise<void> {
    return this.inOrder(runId, join, { shared: true, rejects: true });
  }

  private async publishStateNow(views: Views, runId: string): Promise<void> {
    const run = await views.loadRun(runId);
    if (!run || this.closed) return;
    const view = await views.audienceView(run);
    const consoleView = await views.facilitatorView(run, this.presence(runId), this.signalCounts(runId));
    // Sent together, with nothing read in between: the screens and the console get the same state.
    if (this.closed) return;
    this.lastPublic.set(runId, liveKey(liveOf(view)));
    this.audience.send(runId, audienceRooms(runId), "state", (to) => to.emit("audience:state", view));
    this.io.local.to(roleRoom(runId, "facilitator")).emit("facilitator:state", consoleView);
    if (run.row.state === "ended") {
      this.lastPublic.delete(runId);
      this.signals.forget(runId);
      this.remoteSignals.delete(runId);
      // Ended on another process, maybe: what this one keeps of the run (its key first) goes here too.
      await this.engine.forgetRun(runId);
    }
  }

  /**
   * After answers were committed or phones came and went: send results within TALLY_INTERVAL_MS.
   *
   * A timer is not enough on its own: while answers arrive faster than the server handles them, Node reads
   * sockets for as long as they have data and runs no timers, so a burst of a thousand answers would leave the
   * console frozen until the last one. The next change after the deadline sends the overdue tally itself.
   */
  tallyChanged(runId: string): void {
    if (this.closed) return;
    if (this.duty(runId)) this.releaseOnTheClock(runId);
    this.tallySoon(runId);
    this.tellAnswers(runId);
    this.presenceSoon();
  }

  /**
   * After a display connected or disconnected: the console's tally, with the new count, within TALLY_INTERVAL_MS.
   * Coalesced with the answers' tallies, and no release check: a display coming or going releases nothing.
   */
  displaysChanged(runId: string): void {
    if (this.closed) return;
    this.tallySoon(runId);
    this.presenceSoon();
  }

  /** The console's tally and the screens' update within TALLY_INTERVAL_MS, or now if one is overdue. */
  private tallySoon(runId: string): void {
    const pending = this.pending.get(runId);
    if (!pending) {
      const timer = setTimeout(() => this.sendTally(runId), TALLY_INTERVAL_MS);
      this.pending.set(runId, { timer, due: performance.now() + TALLY_INTERVAL_MS });
    } else if (performance.now() >= pending.due) {
      clearTimeout(pending.timer);
      this.sendTally(runId);
    }
  }

  /**
   * Checks for a due release at the release clock's next tick. What is released goes out at once, with the console's
   * tally; a tick that releases nothing sends nothing.
   */
  private releaseOnTheClock(runId: string): void {
    if (this.releases.has(runId)) return;
    const interval = this.options.releaseIntervalMs;
    const now = Date.now();
    const tick = now - (now % interval) + interval;
    const check = () => {
      // A timer may fire a millisecond before the wall clock reaches the tick: wait out the rest, so no release comes early.
      if (Date.now() < tick) {
        this.releases.set(runId, setTimeout(check, tick - Date.now()));
        return;
      }
      this.releases.delete(runId);
      void this.releaseNow(runId);
    };
    this.releases.set(runId, setTimeout(check, tick - Date.now()));
  }

  /** What is due is released and sent with the console's tally; a failure goes to onError. */
  private async releaseNow(runId: string): Promise<void> {
    try {
      // A process that lost the run's lease since the tick was asked for leaves the release to the new holder.
      if (!this.duty(runId) || !(await this.engine.releaseDue(runId)) || this.closed) return;
      await this.publishReleased(runId);
    } catch (error) {
      this.onError(error);
    }
  }

  private sendTally(runId: string): void {
    this.pending.delete(runId);
    void this.publishTally(runId);
  }

  /**
   * Stops sending: pending tallies are dropped (clients get full snapshots when they reconnect). Settles once the
   * publishes under way have finished their reads, so the database may close after it (on PostgreSQL a read still
   * waiting for its connection would otherwise fail against a closed pool).
   */
  async close(): Promise<void> {
    // The others stop counting this process's phones now, not when its word grows old.
    if (this.options.cluster && this.lastPresence.size > 0)
      this.tell({ t: "presence", runs: Object.fromEntries([...this.lastPresence.keys()].map((runId) => [runId, [0, 0]])) });
    const underWay = [...this.lines.values()].flatMap((line) => [line.published, ...line.joining]);
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    for (const timer of this.releases.values()) clearTimeout(timer);
    this.releases.clear();
    for (const timer of this.timers) clearTimeout(timer);
    clearInterval(this.everySecond);
    clearTimeout(this.presenceTimer);
    this.voteChecks.clear();
    this.pending.clear();
    this.timers.clear();
    this.audience.close();
    await Promise.all(underWay);
  }

  /** The console's tally and the screens' update, from one set of reads, in the run's order of publishes. */
  private publishTally(runId: string): Promise<void> {
    return this.inOrder(runId, () =>
      this.engine.sharedReads(async (views) => {
        const run = await views.loadRun(runId);
        if (!run) return;
        const tally = await views.facilitatorTally(run, this.presence(runId));
        const update = await views.audienceLive(run);
        if (this.closed) return;
        this.io.local.to(roleRoom(runId, "facilitator")).emit("facilitator:tally", tally);
        this.publishAudienceResults(runId, update);
      }),
    );
  }

  private publishAudienceResults(runId: string, update: AudienceLive): void {
    const serialized = liveKey(update);
    if (this.lastPublic.get(runId) === serialized) return;
    this.lastPublic.set(runId, serialized);
    this.audience.send(runId, audienceRooms(runId), "live", (to) => to.emit("audience:live", update));
  }

  /**
   * Runs `task` after the run's earlier tasks: a publish after every task asked for before it; a `shared` one (a
   * screen joining) after the publishes before it, alongside other shared ones. Nothing runs once the hub is
   * closed. A failure goes to onError, unless `rejects` (then the returned promise rejects); either way the line
   * goes on.
   */
  private inOrder(runId: string, task: () => Promise<void>, how: { shared?: boolean; rejects?: boolean } = {}): Promise<void> {
    let line = this.lines.get(runId);
    if (!line) this.lines.set(runId, (line = { published: Promise.resolve(), joining: [], tasks: 0 }));
    const after = how.shared || line.joining.length === 0 ? line.published : Promise.all([line.published, ...line.joining]);
    const ran = after.then(() => (this.closed ? undefined : task()));
    const done = how.rejects ? ran : ran.catch((error: unknown) => this.onError(error));
    // The line waits for this task, however it ends.
    const settled = done.then(
      () => {},
      () => {},
    );
    if (how.shared) line.joining.push(settled);
    else {
      line.published = settled;
      line.joining = [];
    }
    line.tasks++;
    const current = line;
    void settled.then(() => {
      if (--current.tasks === 0 && this.lines.get(runId) === current) this.lines.delete(runId);
    });
    return done;
  }

  private publishSignals(runId: string): void {
    const counts = this.signals.counts(runId);
    this.tell({ t: "signals", run: runId, counts });
    this.io.local.to(roleRoom(runId, "facilitator")).emit("facilitator:signals", counts);
  }

  /** What a release released goes out now: here, and on the other processes. */
  private publishReleased(runId: string): Promise<void> {
    this.cancelTally(runId);
    this.tell({ t: "tally", run: runId });
    // A holder with no screen of the run (its screens are all on other processes) has nobody to send it to.
    if (this.options.cluster && !this.hasScreens(runId)) return Promise.resolve();
    return this.publishTally(runId);
  }

  /** Whether this process does the run's serialised work: alone, cut off from the others, or holding its lease. */
  private duty(runId: string): boolean {
    const cluster = this.options.cluster;
    return !cluster || !cluster.bus.up || cluster.authority.holds(runId);
  }

  /** Tells the other processes, when there are any and they can be reached (a message lost in an outage is made up by `reconnected`). */
  private tell(message: HubMessage): void {
    const cluster = this.options.cluster;
    if (!this.closed && cluster?.bus.up) cluster.bus.publish(message);
  }

  /**
   * Answers came in: the other processes' screens get results, and the holder its release clock. Told at most once
   * per TALLY_INTERVAL_MS per run, and once more after the interval if more came meanwhile.
   */
  private tellAnswers(runId: string): void {
    if (!this.options.cluster) return;
    if (this.answersTold.has(runId)) {
      this.answersTold.set(runId, true);
      return;
    }
    this.tell({ t: "answers", run: runId });
    this.answersTold.set(runId, false);
    this.later(TALLY_INTERVAL_MS, () => {
      const more = this.answersTold.get(runId);
      this.answersTold.delete(runId);
      if (more) this.tellAnswers(runId);
    });
  }

  /** Whether a screen of the run (a phone, a display, a console) is connected to this process. */
  private hasScreens(runId: string): boolean {
    // A screen joining (its snapshot being read: `joining`) counts: a change told meanwhile is sent after its join.
    if (this.lines.has(runId)) return true;
    const rooms = this.io.sockets.adapter.rooms;
    return (["participant", "display", "facilitator"] as const).some((role) => (rooms.get(roleRoom(runId, role))?.size ?? 0) > 0);
  }

  /** A run changed where this process has no screen of it: if it ended, what this process keeps of it goes. */
  private async forgetIfEnded(runId: string): Promise<void> {
    try {
      if ((await this.engine.loadRun(runId))?.row.state === "ended") await this.engine.forgetRun(runId);
    } catch (error) {
      this.onError(error);
    }
  }

  /** The runs with a screen on this process. */
  private localRuns(): Set<string> {
    const runs = new Set<string>();
    for (const room of this.io.sockets.adapter.rooms.keys()) {
      const match = /^run:(.+):(participant|display|facilitator)$/.exec(room);
      if (match) runs.add(match[1]!);
    }
    return runs;
  }

  private presenceSoon(): void {
    if (!this.options.cluster || this.presenceTimer || this.closed) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      this.sayPresence();
    }, PRESENCE_SOON_MS);
    this.presenceTimer.unref();
  }

  /** Tells the others this process's phones and displays per run: every run it has, and a 0 for one it no longer has. */
  private sayPresence(): void {
    const runs: Record<string, [number, number]> = {};
    const now = new Map<string, [number, number]>();
    for (const runId of this.localRuns()) now.set(runId, [this.phonesHere(runId), this.displaysHere(runId)]);
    for (const runId of this.lastPresence.keys()) if (!now.has(runId)) runs[runId] = [0, 0];
    for (const [runId, counts] of now) runs[runId] = counts;
    this.lastPresence = now;
    this.tell({ t: "presence", runs });
  }

  /** A timer the hub owns: cancelled on close, errors (a throw or a rejection) reported. */
  private later(ms: number, task: () => void | Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        const done = task();
        if (done) done.catch((error: unknown) => this.onError(error));
      } catch (error) {
        this.onError(error);
      }
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private cancelTally(runId: string): void {
    clearTimeout(this.pending.get(runId)?.timer);
    this.pending.delete(runId);
  }
}

/** A run's publishes in the order asked for: the last one's end, and the screens joining since it was asked for. */
interface RunLine {
  published: Promise<void>;
  joining: Array<Promise<void>>;
  /** Tasks asked for and not yet settled: the line is forgotten at none. */
  tasks: number;
}

/** A run's phones and displays (a console's preview of the display among them). */
function audienceRooms(runId: string): string[] {
  return [roleRoom(runId, "display"), roleRoom(runId, "participant")];
}

/** What decides whether a live update is news: the same for one built from a full view and one built on its own. */
function liveKey({ slideIndex, results, comparison, agreement, spotlight, questions }: AudienceLive): string {
  return JSON.stringify([slideIndex, results, comparison, agreement, spotlight, questions]);
}
