import type { Accounts } from "~/auth/accounts.server";
import type { Config } from "~/config/env.server";
import type { Result } from "~/realtime/events";
import type { DistressLists } from "~/content/distress-lists.server";
import type { Guide, Guides } from "~/content/guide.server";
import type { CourseLibrary } from "~/library/course-library.server";
import type { PlanLibrary } from "~/library/plan-library.server";
import type { CodeGuesses, CodeLookup } from "~/runs/code-guesses.server";
import type { RunEngine } from "~/runs/run-engine.server";
import type { RunReports } from "~/runs/run-report.server";
import type { Settings } from "~/settings/settings.server";

/**
 * What server/ hands to every loader and action. Routes reach the database
 * only through these, so the server and the Remix build share one engine.
 */
export interface BesideContext {
  engine: RunEngine;
  /** Built-in plans from PLANS_DIR and the organisation's own plans. */
  plans: PlanLibrary;
  /** Built-in courses from COURSES_DIR and the organisation's own, each an ordered list of the library's plans. */
  courses: CourseLibrary;
  accounts: Accounts;
  /** Run history, reports, CSV export and comparisons, for organisers. */
  reports: RunReports;
  /** The organisation's settings, the "Get help" resources among them. */
  settings: Settings;
  config: Config;
  /** The distress lists by language (content/distress/), read at start-up: handed to the phone and the console, never used to judge an answer here. */
  distress: DistressLists;
  /** The facilitator guide in English (GUIDE_DIR), checked at start-up: `guides.english`. */
  guide: Guide;
  /** The facilitator guide in every language it has (GUIDE_DIR/<tag>/), English for a page not translated. */
  guides: Guides;
  /** The text a new plan starts from (PLAN_TEMPLATE_FILE), checked at start-up. */
  planTemplate: string;
  /** Wrong join codes per network address, in memory only, shared by the pages and the realtime handshake. */
  codeGuesses: CodeGuesses;
}

/** A phone posting a form instead of using its socket (its scripts haven't arrived, or it has none). */
export interface FormPhone {
  runId: string;
  /** The phone's secret, from its cookie: turned into keys, never stored or logged. */
  device: string;
  /** When it entered the session (Date.now() ms, a wall clock every process shares), as a socket's `joinedAt`. */
  joinedAt: number;
}

/** What a phone can do by form, each the socket event of the same name (docs/realtime.md). */
export type FormEvent = "response:submit" | "agreement:accept" | "signal:send";

declare module "@remix-run/node" {
  interface AppLoadContext {
    beside: BesideContext;
    /** This response's Content-Security-Policy nonce: every inline script the page renders carries it. */
    cspNonce: string;
    /**
     * The run with a join code, for this request's client: its wrong codes are counted by its network address,
     * which the route never sees (decision 023).
     */
    lookUpCode(code: string): Promise<CodeLookup>;
    /**
     * A phone's form post, sent through the realtime layer's own dispatcher (server/socket/form-phones.ts): the same
     * checks, storage, acknowledgement and broadcast as the event over a socket.
     */
    participate(phone: FormPhone, event: FormEvent, payload: unknown): Promise<Result<unknown>>;
    /** "Join the session" by form: the phone takes a place under its address's cap, or is refused (form-phones.ts). */
    enterByForm(phone: Pick<FormPhone, "runId" | "device">): Result<unknown>;
    /** The session's page seen by a phone that entered: it is still here (form-phones.ts). */
    phoneSeen(phone: Pick<FormPhone, "runId" | "device">): void;
  }
}
