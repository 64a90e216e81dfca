import { formatsFor } from "../intl";
/** Past runs for organisers: a plan's history, a run's report, comparing runs. */
export const reports = {
  /** A ranking's rows in the CSV's option column: an option's points, and how many rankings put it first. */
  rankingCsv: {
    points: (option: string) => `${option}: points`,
    first: (option: string) => `${option}: ranked first`,
  },
  noSuchPlan: "There is no such plan.",
  noSuchRun: "There is no such run.",
  allRuns: "All runs of this plan",
  openPlan: "Open the plan",
  history: {
    title: (planTitle: string) => `History: ${planTitle} · Beside`,
    titleFallback: "History: plan · Beside",
    library: "Library",
    heading: (planTitle: string) => `History: ${planTitle}`,
    notRun: "This plan hasn't been run yet.",
    compare: "Compare runs",
    caption: "Runs of this plan, newest first",
    columns: {
      started: "Started",
      duration: "Duration",
      facilitator: "Facilitator",
      version: "Plan version",
      participants: "Participants",
      report: "Report",
    },
    whenItEnds: "when it ends",
    report: "Report",
    note: "Participants: the most phones connected at once. Below a run's privacy threshold only “fewer than” is shown.",
  },
  /** A run's facts, at the top of its report and in history's rows. */
  summary: {
    started: "Started",
    duration: "Duration",
    facilitator: "Facilitator",
    version: "Plan version",
    participants: "Participants",
    k: "Results shown from",
    kAnswers: (k: number) => `${k} answers`,
    inProgress: "in progress",
    nobody: "—",
    builtIn: "built-in",
    planVersion: (version: number) => `version ${version}`,
    whenItEnds: "when it ends",
    fewerThan: (k: number) => `fewer than ${k}`,
    minutes: (minutes: number) => `${minutes} min`,
    hours: (hours: number, minutes: number) => `${hours} h ${minutes} min`,
  },
  report: {
    title: (planTitle: string) => `Report: ${planTitle} · Beside`,
    titleFallback: "Report: run · Beside",
    planNav: "This plan",
    heading: (planTitle: string) => `Report: ${planTitle}`,
    live: "This run is still going. Its report is ready when the run ends.",
    print: "Print",
    csv: "Download CSV",
    notYetExportable: "This run is still going: its results can be exported once it ends.",
    purged: "This run's free text and words were deleted after the retention period; only the counts remain.",
    noQuestions: "This plan has no questions.",
  },
  prompt: {
    notAsked: "not asked in this run",
    shown: "results were shown in the room",
    notShown: "results were not shown in the room",
    withheldInRoom: "revealed, but too few answers to show: the room was told results are withheld",
    counts: (answers: number, passes: number) => `${en.plural(answers, { one: "# answer", other: "# answers" })}, ${en.number(passes)} passed`,
    /** `k`: the run's threshold, or "k" when the results don't say it. */
    withheld: (k: number | string) => `Fewer than ${k} answers: results withheld.`,
    textPurged: "The text was deleted after the retention period; only the counts remain.",
    approvedOnly: "Only entries the facilitator approved are kept and shown.",
    compare: "Compare across runs",
  },
  /** The question box's approved questions in a run's report and CSV. */
  questions: {
    heading: "Questions from the room",
    note: (k: number) => `The questions the facilitator approved, most votes first. Vote counts are those the room last saw: they moved in steps of at least ${k}.`,
    votes: (n: number) => en.plural(n, { one: "# vote", other: "# votes" }),
    answered: "answered",
    purged: (n: number) => `${en.plural(n, { one: "# question was", other: "# questions were" })} approved; their text was deleted after the retention period.`,
    csvQuestion: "Questions from the room: how many were approved",
  },
  compare: {
    title: (planTitle: string) => `Compare runs: ${planTitle} · Beside`,
    titleFallback: "Compare runs: plan · Beside",
    choose: "Choose one of this plan's questions.",
    heading: (planTitle: string) => `Compare runs: ${planTitle}`,
    nothingToCompare: "This plan has no choice or scale questions to compare.",
    question: "Question",
    submit: "Compare",
    noneEnded: "No run of this plan has ended yet.",
    note:
      "Each bar is one run, oldest first. A run with fewer answers than its privacy threshold shows no bar. " +
      "Options are matched across versions of the plan by their wording.",
  },
  /** A course's runs together, and its check-in and check-out across sessions. */
  course: {
    noSuchCourse: "There is no such course.",
    back: "← The course",
    historyTitle: (courseTitle: string) => `History: ${courseTitle} · Beside`,
    historyHeading: (courseTitle: string) => `History: ${courseTitle}`,
    sessionHeading: (position: number, planTitle: string) => `Session ${position}: ${planTitle}`,
    notRun: "Not run yet.",
    caption: (position: number) => `Runs of session ${position}, newest first`,
    compare: "Compare check-in and check-out across the sessions",
    compareTitle: (courseTitle: string) => `Check-in and check-out: ${courseTitle} · Beside`,
    compareHeading: (courseTitle: string) => `Check-in and check-out: ${courseTitle}`,
    compareNote:
      "For each session in order, each ended run's check-in and check-out as two group distributions. " +
      "Each shows only when it reached the run's privacy threshold on its own; nobody's own change is ever shown.",
    noneEnded: "No run of this session has ended yet.",
    noCheckOut: "This run's plan has no check-out compared with a check-in.",
    run: (started: string) => `Run started ${started}`,
    notAsked: "The check-out was not asked in this run.",
  },
  chart: {
    withheld: (k: number) => `fewer than ${k} answers`,
    missing: "not in this version",
    median: (median: number) => `median ${median}`,
    manyChoices: "People could choose more than one: shares are of all choices made.",
    caption: (question: string, manyChoices: boolean) =>
      `“${question}” in each run, oldest first: share of ${manyChoices ? "choices" : "answers"} per option`,
    runStarted: "Run started",
    medianColumn: "Median",
    answers: "Answers",
  },
};

const en = formatsFor("en");
