import { createHash } from "node:crypto";

import { findPrompt, findPromptSlide, type Plan, type Prompt } from "~/content/plan-schema";
import { wordsNeedApproval } from "~/domain/rules";
import { answersOf, buildTally, moderateTally, resultsWithheld, type PromptStatus, type Results, type StoredCounts } from "~/domain/tally";
import type { AnswerView } from "~/models/response.server";
import type { RunRow } from "~/models/run.server";
import { logicOf } from "~/prompts/registry";
import type {
  AudienceLive,
  AudienceView,
  Comparison,
  FacilitatorTally,
  FacilitatorView,
  ParticipantSnapshot,
  RunInfo,
  SignalCounts,
  Spotlight,
  Timing,
} from "~/realtime/events";

import { fromStoredAnswer } from "../answers";
import { audienceQuestions, NO_QUESTIONS } from "../question-box.server";
import { responseKey } from "../secrets.server";
import { agreementKey, type AnswerPath } from "./answer-path.server";
import { Reads, type EngineState, type LoadedRun, type Presence } from "./state.server";

/**
 * What each screen is sent of a run: the display's and phones' view, a phone's own snapshot, the console's view and
 * tally, an ended run's report; each prompt's results moderated and k applied. Views only read, through `reads`:
 * one Views per moment when its reads are shared (RunEngine.sharedReads).
 */
export class Views {
  constructor(
    private readonly shared: EngineState,
    private readonly answers: AnswerPath,
    private readonly reads: Reads,
  ) {}

  /** The run with its plan; read once per moment when reads are shared. */
  loadRun(runId: string): Promise<LoadedRun | undefined> {
    return this.reads.read(`run\n${runId}`, () => this.shared.loadRun(this.reads.q, runId));
  }

  async audienceView(run: LoadedRun): Promise<AudienceView> {
    const slide = run.plan.slides[run.row.currentSlide] ?? run.plan.slides[0]!;
    const status = slide.prompt ? statusOf(await this.reads.phaseOf(run.row.id, slide.prompt.id)) : null;
    const { slideIndex: _, ...live } = await this.audienceLive(run);
    return {
      run: runInfo(run, this.shared.now()),
      slide: {
        index: slide.index,
        title: slide.title,
        bodyHtml: slide.bodyHtml,
        kind: slide.kind,
        agreements: slide.agreements,
        breathing: slide.breathing,
        sensitive: slide.sensitive,
        prompt: slide.prompt && status ? { ...slide.prompt, ...status } : null,
      },
      ...live,
    };
  }

  /** What public screens see change on the current slide without the facilitator acting. */
  async audienceLive(run: LoadedRun): Promise<AudienceLive> {
    const slide = run.plan.slides[run.row.currentSlide] ?? run.plan.slides[0]!;
    const phase = slide.prompt ? await this.reads.phaseOf(run.row.id, slide.prompt.id) : undefined;
    const state = slide.prompt ? stateOf(phase) : null;
    const results = slide.prompt && state ? await this.results(run, slide.prompt, "public", state) : null;
    return {
      slideIndex: slide.index,
      results,
      comparison: slide.prompt && state ? await this.comparison(run, slide.prompt, "public", state) : null,
      agreement: await this.agreement(run),
      spotlight: phase?.spotlight ? spotlightOf(results, phase.spotlight) : null,
      questions: run.row.state === "live" ? audienceQuestions(await this.questionRows(run.row.id), boxOpen(run)) : NO_QUESTIONS,
    };
  }

  /** A run's questions that still have their text, read once per moment when reads are shared. */
  private questionRows(runId: string) {
    return this.reads.read(`questions\n${runId}`, () => this.reads.q.listQuestions(runId));
  }

  /**
   * What a display or phone is sent when it opens a run or asks again: the audience view while the run is live;
   * once it has ended, only that it ended, with nothing of its plan, slides or results (decision 023). Screens open
   * at the end were sent the last view then, by the broadcast that ended it.
   */
  async openingView(run: LoadedRun): Promise<AudienceView> {
    if (run.row.state === "live") return this.audienceView(run);
    return {
      run: {
        code: run.row.code,
        planTitle: "",
        language: run.plan.language,
        state: "ended",
        paused: false,
        blanked: false,
        countdown: null,
        k: run.row.k,
        slideCount: 0,
        contentNotes: [],
      },
      slide: { index: 0, title: "", bodyHtml: "", kind: "content", prompt: null },
      results: null,
      comparison: null,
      agreement: null,
      spotlight: null,
      questions: NO_QUESTIONS,
    };
  }

  async participantSnapshot(run: LoadedRun, device: string): Promise<ParticipantSnapshot> {
    const { q } = this.reads;
    const view = await this.keptOpeningView(run);
    const slide = run.plan.slides[view.slide.index];
    const prompt = slide?.prompt;
    const salt = run.row.responseKeySalt;
    const stored = prompt && salt ? await q.getResponse(run.row.id, prompt.id, responseKey(salt, device, prompt.id)) : undefined;
    const agreed =
      slide?.kind === "agreement" && salt !== null ? await q.hasAccepted(run.row.id, slide.index, agreementKey(salt, device, slide.index)) : false;
    // Over every approved question, not only those on screen: a phone that reconnects while the box is closed still
    // knows its votes when a box opens again.
    const votedQuestions =
      view.run.state === "live" ? await this.shared.questions.votedBy(q, run.row.id, salt, device, await this.questionRows(run.row.id)) : [];
    return { ...view, mine: prompt && stored ? fromStoredAnswer(prompt, stored) : null, agreed, votedQuestions };
  }

  /**
   * openingView, built once per run for as long as nothing changes within this turn of the event loop (turnViews),
   * or once per sharedReads (the answers to a slice of `run:sync`, server/socket/sync-queue.ts).
   */
  private keptOpeningView(run: LoadedRun): Promise<AudienceView> {
    if (this.reads.shared) return this.reads.read(`opening\n${run.row.id}`, () => this.openingView(run));
    const build = () => viewsOfOneMoment(this.shared, this.answers, (views) => views.openingView(run));
    const written = this.shared.storage.writeMark();
    if (written === undefined) return build();
    const mark = `${written}:${this.shared.now().getTime()}`;
    if (this.shared.turnViews?.mark !== mark) {
      if (!this.shared.turnViews) setImmediate(() => (this.shared.turnViews = undefined));
      this.shared.turnViews = { mark, views: new Map() };
    }
    let view = this.shared.turnViews.views.get(run.row.id);
    if (!view) this.shared.turnViews.views.set(run.row.id, (view = build()));
    return view;
  }

  async facilitatorView(run: LoadedRun, presence: Presence, signals: SignalCounts): Promise<FacilitatorView> {
    const phases = new Map((await this.reads.q.getPromptPhases(run.row.id)).map((row) => [row.promptId, row]));
    const current = run.plan.slides[run.row.currentSlide];
    const phase = current?.prompt ? phases.get(current.prompt.id) : undefined;
    const tally = await this.facilitatorTally(run, presence);
    return {
      ...tally,
      run: runInfo(run, this.shared.now()),
      current: run.row.currentSlide,
      timing: timingOf(run.row, this.shared.now()),
      slides: run.plan.slides.map((slide) => ({ ...slide, status: slide.prompt ? statusOf(phases.get(slide.prompt.id)) : null })),
      // Where the entry sits in what the display shows (the console's own list has every entry).
      spotlight:
        phase?.spotlight && current?.prompt ? spotlightOf(await this.results(run, current.prompt, "public", stateOf(phase)), phase.spotlight) : null,
      signals,
    };
  }

  async facilitatorTally(run: LoadedRun, presence: Presence): Promise<FacilitatorTally> {
    const prompt = run.plan.slides[run.row.currentSlide]?.prompt;
    const agreement = await this.agreement(run);
    // The number of phones is always shown, so the facilitator can see phones that shouldn't be there (fake ones).
    const { connected, displays } = presence;
    const questions = this.shared.questions.facilitatorView(await this.questionRows(run.row.id), {
      open: boxOpen(run),
      sessionLong: run.row.questionsOpen,
      closedHere: run.row.questionsClosedHere,
      slideOpens: slideOpensBox(run),
    });
    if (!prompt) return { promptId: null, counts: null, heldBack: 0, results: null, comparison: null, agreement, connected, displays, questions };
    const state = stateOf(await this.reads.phaseOf(run.row.id, prompt.id));
    const open = state.phase === "open";
    // Closed with answers held back: the counts are those of what is shown, so they can't tell what the late ones were.
    const held = !open && state.released;
    const counts = await this.reads.countsOf(run.row.id, prompt.id, held ? "released" : "stored");
    const waiting = held ? await this.reads.q.countUnreleased(run.row.id, prompt.id) : undefined;
    return {
      promptId: prompt.id,
      // While answers come in, passes are not told apart (a pass must not show as someone taps it), and the
      // responses are counted only in steps of k: beside the number of phones, an exact count would be "n of m
      // answered", pointing at whoever hasn't tapped, and its moves, timed against a release, at who passed.
      counts: open
        ? {
            responses: await this.answers.onTimeSteps(
              this.reads.q,
              run,
              prompt.id,
              counts.responses,
              await this.reads.lateKeysOf(this.shared.marks, run.row.id, prompt.id),
            ),
            passes: null,
          }
        : counts,
      heldBack: waiting ? waiting.added + waiting.changed : 0,
      results: await this.results(run, prompt, "facilitator", state),
      comparison: await this.comparison(run, prompt, "facilitator", state),
      agreement,
      connected,
      displays,
      questions,
    };
  }

  /**
   * A prompt's results for an ended run's report: what the room could have
   * seen of it, had it been revealed. Public screens' rules (approved text,
   * no hidden word, k), and the answers released at the close when some were
   * held back: a report never shows the late ones, which could point at a latecomer.
   * The counts are of the same answers.
   */
  async reportResults(
    run: LoadedRun,
    prompt: Prompt,
  ): Promise<{
    status: PromptStatus;
    counts: StoredCounts;
    results: Results;
    comparison: Comparison | null;
  }> {
    const state = stateOf(await this.reads.phaseOf(run.row.id, prompt.id));
    const asShown = { ...state, revealed: true };
    return {
      status: statusOf(state),
      counts: await this.reads.countsOf(run.row.id, prompt.id, state.released ? "released" : "stored"),
      results: await this.results(run, prompt, "public", asShown),
      comparison: await this.comparison(run, prompt, "public", asShown),
    };
  }

  /** How many are in on the current slide, when it is an agreement slide. */
  private async agreement(run: LoadedRun): Promise<{ inCount: number } | null> {
    const slide = run.plan.slides[run.row.currentSlide];
    if (slide?.kind !== "agreement") return null;
    return {
      inCount: await this.reads.read(`acceptances\n${run.row.id}\n${slide.index}`, () => this.reads.q.countAcceptances(run.row.id, slide.index)),
    };
  }

  /**
   * The earlier prompt a prompt is compared with (check-in for check-out): its
   * own group distribution under the same k, shown when the later one is.
   */
  private async comparison(run: LoadedRun, prompt: Prompt, audience: "facilitator" | "public", state: PromptState): Promise<Comparison | null> {
    // A type that can be compared with an earlier prompt has compare-with in its plan fields (scale).
    if (!("compareWith" in prompt) || !prompt.compareWith) return null;
    const earlier = findPrompt(run.plan, prompt.compareWith);
    if (!earlier) return null;
    const earlierState = stateOf(await this.reads.phaseOf(run.row.id, earlier.id));
    return {
      promptId: earlier.id,
      question: earlier.question,
      results: await this.results(run, earlier, audience, { ...earlierState, revealed: state.revealed }),
    };
  }

  /**
   * A prompt's results for an audience, moderated, k applied. While answers
   * are open nobody sees them until they are revealed; from then on, and after
   * a close that held answers back, screens see the released answers.
   */
  async results(run: LoadedRun, prompt: Prompt, audience: "facilitator" | "public", state: PromptState): Promise<Results> {
    if (state.phase === "open" && !state.released) return { status: "hidden" };
    const view: AnswerView = state.released ? "released" : "stored";
    const { q } = this.reads;
    const counts = await this.reads.countsOf(run.row.id, prompt.id, view);
    const withheld = resultsWithheld(audience, state, run.row.k, counts);
    if (withheld) return withheld;
    const values = await this.reads.read(`values\n${run.row.id}\n${prompt.id}\n${view}`, () => q.countValues(run.row.id, prompt.id, view));
    const tally = buildTally(prompt, answersOf(counts), values);
    if (!logicOf(tally.type).text) return { status: "shown", tally };
    const orderKey = (text: string) => createHash("sha256").update(`${run.row.id}\n${prompt.id}\n${text}`).digest("hex");
    const decisions = await this.reads.read(`decisions\n${run.row.id}\n${prompt.id}`, () => q.getDecisions(run.row.id, prompt.id));
    return { status: "shown", tally: moderateTally(tally, audience, decisions, orderKey, wordsWaitForApproval(run.plan, prompt)) };
  }
}

/** Whether a prompt's word-cloud words wait for approval: on a slide marked sensitive (see wordsNeedApproval). */
export function wordsWaitForApproval(plan: Plan, prompt: Prompt): boolean {
  const slide = findPromptSlide(plan, prompt.id);
  return logicOf(prompt.type).text?.kind === "words" && slide !== undefined && wordsNeedApproval(slide);
}

/**
 * `build` on views of one moment: every read on one snapshot of storage (a tally's counts and its values can't come
 * from either side of a release), each read made once.
 */
export function viewsOfOneMoment<T>(shared: EngineState, answers: AnswerPath, build: (views: Views) => Promise<T>): Promise<T> {
  return shared.storage.snapshot((q) => build(new Views(shared, answers, new Reads(q, true))));
}

/** A prompt's status and whether screens see its released answers (a prompt with no row was never opened). */
export type PromptState = PromptStatus & { released: boolean };

export function stateOf(row: PromptState | undefined): PromptState {
  return row ? { phase: row.phase, revealed: row.revealed, released: row.released } : { phase: "pending", revealed: false, released: false };
}

export function statusOf(row: PromptStatus | undefined): PromptStatus {
  return row ? { phase: row.phase, revealed: row.revealed } : { phase: "pending", revealed: false };
}

/** Whether phones may send questions now: the console keeps the box open all session, or the slide on screen opens it. */
export function boxOpen(run: LoadedRun): boolean {
  return run.row.state === "live" && (run.row.questionsOpen || (slideOpensBox(run) && !run.row.questionsClosedHere));
}

/** Whether the plan opens the box on the slide on screen (`questions: open`). */
export function slideOpensBox(run: LoadedRun): boolean {
  return run.plan.slides[run.row.currentSlide]?.questions === "open";
}

/** The entry being read aloud and where it sits among the approved ones; null when it isn't shown publicly. */
function spotlightOf(results: Results | null, text: string): Spotlight | null {
  const entries = results?.status === "shown" ? logicOf(results.tally.type).text : undefined;
  if (results?.status !== "shown" || entries?.kind !== "entries") return null;
  const texts = entries.values(results.tally);
  const position = texts.indexOf(text);
  return position < 0 ? null : { text, position: position + 1, total: texts.length };
}

/** How long the run and its current slide have been going, as of `now`. */
function timingOf(row: RunRow, now: Date): Timing {
  const started = row.startedAt.getTime();
  return { runMs: now.getTime() - started, slideMs: now.getTime() - (row.slideStartedAt?.getTime() ?? started) };
}

function runInfo(run: LoadedRun, now: Date): RunInfo {
  const { countdownEndsAt, countdownSeconds } = run.row;
  return {
    code: run.row.code,
    planTitle: run.plan.title,
    language: run.plan.language,
    state: run.row.state,
    paused: run.row.paused,
    blanked: run.row.blanked,
    countdown:
      countdownEndsAt && countdownSeconds !== null
        ? { seconds: countdownSeconds, remainingMs: Math.max(0, countdownEndsAt.getTime() - now.getTime()) }
        : null,
    k: run.row.k,
    slideCount: run.plan.slides.length,
    contentNotes: run.plan.contentNotes,
  };
}
