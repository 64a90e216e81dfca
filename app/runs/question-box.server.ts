import { randomBytes } from "node:crypto";

import { APPROVED_STATES, type CountedQuestion } from "~/models/question.server";
import { hasLoneSurrogate, normaliseText } from "~/prompts/shared/text";
import type {
  AudienceQuestions,
  ConsoleQuestion,
  FacilitatorQuestions,
  PublicQuestion,
  QuestionAction,
  QuestionState,
  Result,
} from "~/realtime/events";

import { fail, ok } from "~/domain/result";
import type { Queries } from "~/storage/storage";
import { MAX_QUESTION_LENGTH } from "~/domain/rules";
import type { RunMarks } from "./engine/marks.server";
import { responseKey } from "./secrets.server";

/** At most this many questions of a run wait for the facilitator at once: a script can't bury the queue. */
export const MAX_WAITING_QUESTIONS = 50;

/** The live run a question-box command acts on, as the engine loaded it. */
export interface BoxRun {
  runId: string;
  /** The key behind response keys; null once the run has ended. */
  salt: string | null;
  paused: boolean;
  open: boolean;
}

/**
 * The question box: anonymous questions to the facilitator, moderated like open text, upvoted once per phone
 * (decision 036). Nothing here knows which phone sent a question: its id is random, and a vote is stored under a
 * key of its own (questionVoteKey). The run engine loads and checks the run, then calls this in its transaction (`tx`).
 */
export class QuestionBox {
  /**
   * A question sent is stored `arriving`: the console doesn't see it until the signals' random delay has passed (the
   * hub then calls RunEngine.questionArrived), so the moment it appears doesn't point at whoever just put their
   * phone down. In the database, a flag and no time, so a restart loses only the delay (at start-up each question
   * still arriving gets a fresh one).
   *
   * `marks` keep, per approved question (RunMarks.approval): when it was first approved (Date.now() ms), how many of
   * its votes came over connections made after that (late), and how many votes from earlier connections its last
   * release counted. Late votes ride along with a release but never count towards its k, as late answers don't
   * (decision 036): fresh connections can't make up the rest of a step around one person's vote. Counts and a moment
   * only, nothing of any phone, never stored: after a restart of LocalMarks every vote counts.
   */
  constructor(private readonly marks: RunMarks) {}

  async send(tx: Queries, run: BoxRun, input: string): Promise<Result<{ id: string; text: string }>> {
    const refused = this.refusal(run);
    if (refused) return refused;
    if (hasLoneSurrogate(input)) return fail("invalid-answer", { reason: "questions.unreadable" });
    const text = normaliseText(input);
    if (!text) return fail("invalid-answer", { reason: "questions.writeSomething" });
    if (text.length > MAX_QUESTION_LENGTH) return fail("invalid-answer", { reason: "questions.tooLong", params: { max: MAX_QUESTION_LENGTH } });
    if ((await tx.countWaitingQuestions(run.runId)) >= MAX_WAITING_QUESTIONS) return fail("too-many", { reason: "questions.queueFull" });
    const id = randomBytes(16).toString("base64url");
    await tx.insertQuestion(run.runId, id, text);
    return ok({ id, text });
  }

  /**
   * A phone's upvote of an approved question. Voting twice counts once. `joinedAt`: when the phone's connection was
   * made (Date.now() ms); a vote over a connection made after the question was first approved is late.
   */
  async vote(
    tx: Queries,
    run: BoxRun,
    device: string,
    questionId: string,
    joinedAt?: number,
  ): Promise<Result<{ questionId: string; voted: true }>> {
    const refused = this.refusal(run);
    if (refused) return refused;
    const question = await tx.getQuestion(run.runId, questionId);
    // A question that isn't approved gets the same answer as one that doesn't exist: a phone can't probe the queue.
    if (!question || question.text === null || !isApproved(question.state)) return fail("not-found", { reason: "questions.noSuchQuestion" });
    if (!run.salt) return fail("run-ended", { reason: "questions.boxClosed" });
    const added = await tx.addVote(run.runId, questionId, questionVoteKey(run.salt, device, questionId));
    if (added && joinedAt !== undefined) {
      const approval = await this.marks.approval(run.runId, questionId);
      if (approval && joinedAt > approval.approvedAt) await this.marks.addLateVote(run.runId, questionId);
    }
    return ok({ questionId, voted: true as const });
  }

  /**
   * Releases the votes of every question of the run that got at least `k` since its last release from connections
   * made before it was approved (late ones ride along), and then writes the run's questions and votes back in key
   * order, so the file no longer holds the order they came in. Returns how many questions' counts moved.
   */
  async releaseDue(tx: Queries, runId: string, k: number): Promise<number> {
    const due: string[] = [];
    const approvals = await this.marks.approvals(runId, { fresh: true });
    for (const { questionId, stored, released } of await tx.voteCounts(runId)) {
      const approval = approvals.get(questionId);
      const onTime = stored - (approval?.late ?? 0);
      if (stored === released || onTime - (approval?.onTimeReleased ?? released) < k) continue;
      due.push(questionId);
      if (approval) await this.marks.setOnTimeReleased(runId, questionId, onTime);
    }
    const moved = await tx.releaseVotes(runId, due);
    if (moved > 0) await tx.rewriteQuestionsInKeyOrder(runId);
    return moved;
  }

  /** The console approves, hides or resets a question, or marks it answering now (one at a time) or answered. */
  async set(
    tx: Queries,
    runId: string,
    questionId: string,
    action: QuestionAction,
  ): Promise<Result<{ questionId: string; state: QuestionState }>> {
    const question = await tx.getQuestion(runId, questionId);
    // One still on its way to the console hasn't been shown to it: as if it didn't exist.
    if (!question || question.text === null || question.arriving) {
      return fail("not-found", { reason: "questions.noSuchQuestion" });
    }
    const state: QuestionState = ({ approve: "approved", hide: "hidden", reset: "pending", answering: "answering", answered: "answered" } as const)[
      action
    ];
    if ((action === "answering" || action === "answered") && !isApproved(question.state)) {
      return fail("invalid-payload", { reason: "questions.notApproved" });
    }
    // Back to the queue only while it has room: the cap holds for the console's own moves too.
    if (action === "reset" && question.state !== "pending" && (await tx.countWaitingQuestions(runId)) >= MAX_WAITING_QUESTIONS) {
      return fail("too-many", { reason: "questions.queueFullHere", params: { max: MAX_WAITING_QUESTIONS } });
    }
    if (state === "answering") await tx.stopAnswering(runId, questionId);
    await tx.setQuestionState(runId, questionId, state);
    // From its first approval on, phones that connect are late for it; approved again later, it keeps that moment.
    if (state === "approved") await this.marks.noteApproval(runId, questionId, question.releasedVotes);
    return ok({ questionId, state });
  }

  /** The console hides every question waiting that it has been shown (not those still on their way), at once. */
  async hideWaiting(tx: Queries, runId: string): Promise<Result<{ hidden: number }>> {
    return ok({ hidden: await tx.hideWaitingQuestions(runId) });
  }

  /** The ids of the approved questions among `rows` this device has voted for, whether the box is open or not. */
  async votedBy(q: Queries, runId: string, salt: string | null, device: string, rows: readonly CountedQuestion[]): Promise<string[]> {
    const approved = rows.filter((row) => isApproved(row.state));
    if (!salt || approved.length === 0) return [];
    const keys = new Map(approved.map((row) => [questionVoteKey(salt, device, row.questionId), row.questionId]));
    return [...(await q.storedVoteKeys(runId, [...keys.keys()]))].map((key) => keys.get(key)!);
  }

  /** What the console sees: every question but those still on their way, with votes as released. */
  facilitatorView(rows: readonly CountedQuestion[], box: Omit<FacilitatorQuestions, "list">): FacilitatorQuestions {
    const shown = rows.filter((row) => !row.arriving);
    const approved = byVotes(shown.filter((row) => isApproved(row.state)));
    const rest = shown.filter((row) => !isApproved(row.state));
    return { ...box, list: [...rest, ...approved].map(consoleQuestion) };
  }

  private refusal(run: BoxRun): Result<never> | undefined {
    if (run.paused) return fail("paused", { reason: "questions.boxClosed" });
    if (!run.open) return fail("prompt-not-open", { reason: "questions.boxClosed" });
    return undefined;
  }
}

/** What displays and phones see: approved questions (none while the box is closed) and the one being answered. */
export function audienceQuestions(rows: readonly CountedQuestion[], open: boolean): AudienceQuestions {
  const approved = byVotes(rows.filter((row) => isApproved(row.state))).map(publicQuestion);
  return { open, list: open ? approved : [], answering: approved.find((question) => question.state === "answering") ?? null };
}

/** For a run that has ended, or a screen that must see nothing of it. */
export const NO_QUESTIONS: AudienceQuestions = { open: false, list: [], answering: null };

/**
 * The key a vote is stored under: like a response key, with the message "question:<id>" and the device secret.
 * No prompt id can hold a colon, and "agreement:" is another word, so it matches none of the phone's answers,
 * its "I'm in" or its votes on other questions.
 */
export function questionVoteKey(salt: string, device: string, questionId: string): string {
  return responseKey(salt, device, `question:${questionId}`);
}

function isApproved(state: QuestionState): state is (typeof APPROVED_STATES)[number] {
  return (APPROVED_STATES as readonly QuestionState[]).includes(state);
}

/** Most released votes first; then by id, which is random: never the order questions came in. */
function byVotes(rows: readonly CountedQuestion[]): CountedQuestion[] {
  return [...rows].sort((a, b) => b.releasedVotes - a.releasedVotes || (a.questionId < b.questionId ? -1 : 1));
}

function publicQuestion(row: CountedQuestion): PublicQuestion {
  return { id: row.questionId, text: row.text, votes: row.releasedVotes, state: row.state as PublicQuestion["state"] };
}

function consoleQuestion(row: CountedQuestion): ConsoleQuestion {
  return { id: row.questionId, text: row.text, votes: row.releasedVotes, state: row.state };
}
