import type { PlanLibrary } from "~/library/plan-library.server";
import type { Prompt } from "~/content/plan-schema";
import type { ResponseWrite } from "~/models/response.server";
import type { RunRow } from "~/models/run.server";
import type { Answer, ModerationAction, PromptAction, QuestionAction, SignalCounts } from "~/realtime/events";
import type { Storage } from "~/storage/storage";

import { AnswerPath } from "./engine/answer-path.server";
import { Commands } from "./engine/commands.server";
import { Maintenance } from "./engine/maintenance.server";
import { EngineState, Reads, type EngineOptions, type Presence, type LoadedRun } from "./engine/state.server";
import { Views, viewsOfOneMoment } from "./engine/views.server";

export { endWithoutPlan, MIN_ABANDONED_DAYS } from "./engine/maintenance.server";
export { NOBODY_CONNECTED, type EngineOptions, type LoadedRun, type Presence } from "./engine/state.server";
export type { Views } from "./engine/views.server";

/**
 * The one authority for runs: every change to a run goes through here, from
 * Remix actions and socket handlers alike. Each change validates, writes in
 * one transaction and returns; callers broadcast only what was committed.
 * Everything that reads or writes storage is asynchronous (decision 049).
 *
 * Its parts share one state (engine/state.server.ts): the commands (engine/commands.server.ts), the answer path
 * (engine/answer-path.server.ts), the views (engine/views.server.ts) and the upkeep (engine/maintenance.server.ts).
 * Each method's account of what it does is with its code there.
 */
export class RunEngine {
  private readonly shared: EngineState;
  private readonly answers: AnswerPath;
  private readonly maintenance: Maintenance;
  private readonly commands: Commands;

  constructor(storage: Storage, plans: PlanLibrary, options: EngineOptions) {
    this.shared = new EngineState(storage, plans, options);
    this.answers = new AnswerPath(this.shared);
    this.maintenance = new Maintenance(this.shared);
    this.commands = new Commands(this.shared, this.answers, this.maintenance);
  }

  startRun(planId: string, requestedK?: number, startedBy: string | null = null) {
    return this.commands.startRun(planId, requestedK, startedBy);
  }

  recordParticipants(runId: string, connected: number): void {
    this.maintenance.recordParticipants(runId, connected);
  }

  /**
   * Builds several views of the same moment (the console's tally and the screens' update, say) with each query made
   * once, through the `views` it is given: a revealed prompt's tally counts every answer, and the hub sends one ten
   * times a second. `build` must only read.
   */
  sharedReads<T>(build: (views: Views) => Promise<T>): Promise<T> {
    return viewsOfOneMoment(this.shared, this.answers, build);
  }

  loadRun(runId: string): Promise<LoadedRun | undefined> {
    return this.shared.loadRun(this.shared.storage.queries, runId);
  }

  loadRunByCode(code: string): Promise<LoadedRun | undefined> {
    return this.shared.loadRunByCode(code);
  }

  loadRunBySecret(secret: string): Promise<LoadedRun | undefined> {
    return this.shared.loadRunBySecret(secret);
  }

  isFacilitator(run: RunRow, secret: string | undefined): boolean {
    return this.shared.isFacilitator(run, secret);
  }

  goToSlide(runId: string, index: number) {
    return this.commands.goToSlide(runId, index);
  }

  setPaused(runId: string, paused: boolean) {
    return this.commands.setPaused(runId, paused);
  }

  setBlanked(runId: string, blanked: boolean) {
    return this.commands.setBlanked(runId, blanked);
  }

  setCountdown(runId: string, seconds: number | null) {
    return this.commands.setCountdown(runId, seconds);
  }

  setQuestionsOpen(runId: string, open: boolean, slide = false) {
    return this.commands.setQuestionsOpen(runId, open, slide);
  }

  sendQuestion(runId: string, text: string) {
    return this.commands.sendQuestion(runId, text);
  }

  questionArrived(runId: string, questionId: string): Promise<boolean> {
    return this.commands.questionArrived(runId, questionId);
  }

  questionsArriving() {
    return this.commands.questionsArriving();
  }

  voteQuestion(runId: string, device: string, questionId: string, joinedAt?: number) {
    return this.commands.voteQuestion(runId, device, questionId, joinedAt);
  }

  releaseVotesDue(runId: string): Promise<boolean> {
    return this.commands.releaseVotesDue(runId);
  }

  setQuestion(runId: string, questionId: string, action: QuestionAction) {
    return this.commands.setQuestion(runId, questionId, action);
  }

  hideWaitingQuestions(runId: string) {
    return this.commands.hideWaitingQuestions(runId);
  }

  changePrompt(runId: string, promptId: string, action: PromptAction) {
    return this.commands.changePrompt(runId, promptId, action);
  }

  endRun(runId: string) {
    return this.commands.endRun(runId);
  }

  purgeExpiredText(retentionDays: number) {
    return this.maintenance.purgeExpiredText(retentionDays);
  }

  moderate(runId: string, promptId: string, text: string, action: ModerationAction) {
    return this.commands.moderate(runId, promptId, text, action);
  }

  setSpotlight(runId: string, promptId: string, text: string | null) {
    return this.commands.setSpotlight(runId, promptId, text);
  }

  acceptAgreement(runId: string, device: string, slideIndex: number) {
    return this.answers.acceptAgreement(runId, device, slideIndex);
  }

  prepareResponse(runId: string, device: string, promptId: string, answer: Answer, joinedAt?: number) {
    return this.answers.prepareResponse(runId, device, promptId, answer, joinedAt);
  }

  commitResponses(writes: ResponseWrite[]) {
    return this.answers.commitResponses(writes);
  }

  releaseDue(runId: string): Promise<boolean> {
    return this.answers.releaseDue(runId);
  }

  audienceView(run: LoadedRun) {
    return this.sharedReads((views) => views.audienceView(run));
  }

  audienceLive(run: LoadedRun) {
    return this.sharedReads((views) => views.audienceLive(run));
  }

  openingView(run: LoadedRun) {
    return this.sharedReads((views) => views.openingView(run));
  }

  /**
   * A phone's snapshot: the screens' view, built once for the phones connecting within one turn while nothing is
   * written (Views.keptOpeningView), and the phone's own answer.
   */
  participantSnapshot(run: LoadedRun, device: string) {
    return new Views(this.shared, this.answers, new Reads(this.shared.storage.queries, false)).participantSnapshot(run, device);
  }

  facilitatorView(run: LoadedRun, presence: Presence, signals: SignalCounts) {
    return this.sharedReads((views) => views.facilitatorView(run, presence, signals));
  }

  facilitatorTally(run: LoadedRun, presence: Presence) {
    return this.sharedReads((views) => views.facilitatorTally(run, presence));
  }

  reportResults(run: LoadedRun, prompt: Prompt) {
    return this.sharedReads((views) => views.reportResults(run, prompt));
  }

  savePeaks(): Promise<void> {
    return this.maintenance.savePeaks();
  }

  /**
   * The run has ended, as this process learns from elsewhere (another process ended it): what this process keeps
   * about it goes, its key first, so no answer is prepared with it any more. Idempotent. (The group commit refuses
   * answers to an ended run in any case: it reads the run's row in its transaction.)
   */
  forgetRun(runId: string): Promise<void> {
    return this.maintenance.forget(runId);
  }
}
