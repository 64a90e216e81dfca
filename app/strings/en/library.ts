import { formatsFor } from "../intl";
import type { PromptType } from "~/content/plan-schema";

const en = formatsFor("en");

/** The plan library: the list, a plan's page, the editor and its preview, importing, starting a run. */
export const library = {
  title: "Plans · Beside",
  heading: "Session plans",
  liveRuns: "Your running sessions",
  continueRun: (planTitle: string) => `Continue “${planTitle}” · code`,
  empty: (canImport: boolean) =>
    `No plans yet. Add a Markdown file to content/plans (see content/README.md)${canImport ? ", or import one below" : ""}.`,
  noValidVersion: "This plan has no valid version yet: fix its errors before it can be started.",
  brokenFile: "This plan has errors to fix before it can be started:",
  newPlan: {
    heading: "Write a new plan",
    text: "A new plan starts from a template with the standard frame: welcome, group agreement, check-in, a sensitive slide with grounding after it, a spoken round, support beyond today, a calm close and the check-out, planned to 81 of 90 minutes. Its text tells you what to write in each place.",
    submit: "New plan",
  },
  importHeading: "Import a plan",
  archivedHeading: "Archived plans",
  archivedNote: "Archived plans are hidden from the library's list. Their history stays, and an organiser can restore them here.",
  restore: "Restore",
  /** A draft's title when its text has none to read. */
  untitled: "Untitled plan",
  /** A prompt type as organisers read it, in the plan preview and in reports. */
  promptTypes: {
    "single-choice": "Single choice",
    "multiple-choice": "Multiple choice",
    scale: "Scale",
    ranking: "Ranking",
    "word-cloud": "Word cloud",
    "open-text": "Free text",
  } satisfies Record<PromptType, string>,
  /** What a library card and a plan's preview say about a plan. */
  facts: {
    builtIn: "Built-in",
    version: (version: number) => `Version ${version}`,
    draft: "draft",
    archived: "Archived",
    size: (minutes: number, slides: number, questions: number) =>
      `About ${minutes} minutes · ${slides} slides · ${questions} questions`,
    audience: (audience: string) => `Audience: ${audience}`,
    /** `notes`: the plan's content notes, joined. */
    contentNotes: (notes: string) => `Content notes: ${notes}`,
    newRunsUseNewestValid: (version: number) => `New runs use version ${version}, the newest valid one.`,
  },
  plan: {
    title: (planTitle: string) => `${planTitle} · Beside`,
    titleFallback: "Plan · Beside",
    back: "← Library",
    builtInFrom: (file: string) => `A built-in plan from ${file}. Clone it to edit a copy.`,
    actions: "What you can do with this plan",
    newRunsUse: (version: number) => `New runs use version ${version}.`,
    notStartable: "This plan can't be started yet: none of its versions is free of errors.",
    edit: "Edit",
    clone: "Clone",
    cloneVersion: (version: number) => `Clone version ${version}`,
    export: "Export as Markdown",
    archive: "Archive",
    restore: "Restore",
    pastRuns: "Past runs",
    slides: "Slides",
    newest: "(newest)",
    draftVersion: "This version is a draft: fix these errors before it can be started.",
    versions: "Versions",
    fileAsItIs: "The file as it is now",
    valid: "valid",
    usedByNewRuns: "used by new runs",
    removedAccount: "a removed account",
  },
  edit: {
    title: (planTitle: string) => `Edit ${planTitle} · Beside`,
    titleFallback: "Edit plan · Beside",
    back: (planTitle: string) => `← ${planTitle}`,
    builtIn: "This is a built-in plan: it can't be changed here. Clone it to edit a copy of your own.",
    clone: "Clone",
    heading: (planTitle: string) => `Edit “${planTitle}”`,
    editingVersion: (version: number) => `Editing version ${version}`,
    nothingChanged: (version: number) => `Nothing changed since version ${version}, so no new version was saved.`,
    save: "Save as a new version",
    saving: "Saving…",
    draftNote: "A text with errors is saved as a draft; runs keep using the newest valid version.",
    saved: (version: number) => `Saved version ${version}. New runs use it.`,
    /** `runs`: runsKeepUsing or cannotStart. */
    savedDraft: (version: number, runs: string) => `Saved version ${version} as a draft: it has errors. ${runs}`,
    runsKeepUsing: (version: number) => `Runs keep using version ${version}, the newest valid one.`,
    cannotStart: "The plan can't be started until a version has no errors.",
    leave: "Leave without saving? Your changes to this plan will be lost.",
  },
  editor: {
    label: "Plan (Markdown)",
    hint: "The format is described in content/README.md. Errors and safety warnings are checked as you type.",
    preview: "Preview",
    checking: "checking…",
    noErrors: "No errors: this text can be started as it is.",
    errors: (count: number) => `${en.plural(count, { one: "# error", other: "# errors" })} to fix before this version can be started.`,
    goToLine: "Select one to go to its line:",
    issue: (line: number, message: string) => `Line ${line}: ${message}`,
    /** Said with noErrors when the text has safety warnings (it can still be started). */
    warnings: (count: number) => `${en.plural(count, { one: "# safety warning", other: "# safety warnings" })} to read.`,
  },
  /** Safety warnings: a plan with them can still be started. The messages come from the plan check. */
  warnings: {
    heading: "Safety warnings",
    intro: "This plan can be started, but the check found places that may not be safe for a group. Read each one, and change the plan or be ready for that moment.",
    /** `rule`: the rule's id, as content/README.md names it. */
    warning: (line: number, message: string, rule: string) => `Warning, line ${line}: ${message} (${rule})`,
    count: (count: number) => en.plural(count, { one: "# safety warning", other: "# safety warnings" }),
  },
  preview: {
    agreementSlide: "Agreement slide",
    groundingSlide: "Grounding slide (collects nothing)",
    roundSlide: "Spoken round (collects nothing)",
    /** A slide with `questions: open`. */
    questionBox: "Question box open on this slide: phones can send questions to the facilitator, and upvote approved ones.",
    minutes: (minutes: number) => `${minutes} min`,
    line: (line: number) => `line ${line}`,
    slide: (number: number, title: string) => `Slide ${number}: ${title}`,
    agreements: "Agreements",
    breathing: (inhale: number, hold: number, exhale: number) =>
      `Breathing guide: in ${inhale} s, hold ${hold} s, out ${exhale} s`,
    notes: "Facilitator notes",
    question: "Question",
    /** `type`: a label from promptTypes. */
    questionType: (type: string, moderated: boolean) => `Question · ${type}${moderated ? " (moderated)" : ""}`,
    scale: (min: number, minLabel: string, max: number, maxLabel: string) => `${min} (${minLabel}) to ${max} (${maxLabel})`,
    comparedWith: (promptId: string) => `compared with ${promptId}`,
    exclusive: (option: string) => `“${option}” only on its own`,
    rankTop: (top: number, options: number) => (top < options ? `Each ranks their top ${top} of ${options}` : `Each ranks all ${options}`),
    onDisplay: "On the display",
    onPhone: "On a phone",
    maxWords: (words: number) => `Up to ${words} words each`,
    maxLength: (characters: number) => `Up to ${characters} characters`,
    issueLine: (line: number) => `Line ${line}:`,
  },
  import: {
    title: "Import a plan · Beside",
    heading: "Import a plan",
    back: "← Library",
    file: "Plan file (.md)",
    hint: (kilobytes: number) =>
      `A Markdown plan in the format of content/README.md, at most ${kilobytes} KB. A file with errors is kept as a draft.`,
    submit: "Import a plan",
    busy: "Importing…",
    chooseFile: "Choose a .md file to import.",
    notMarkdown: "Choose a Markdown file: its name ends in .md.",
    emptyFile: "That file is empty.",
    tooBig: (kilobytes: number) => `That file is too big: a plan can be at most ${kilobytes} KB.`,
    notUtf8: "That file isn't UTF-8 text. Save it as UTF-8 and try again.",
  },
  startRun: {
    showAfter: "Show results only after",
    answers: (k: number) => `${k} answers`,
    start: "Start a run",
    /** Heard after "Start a run" by screen readers, who may reach the button out of its card. */
    of: (planTitle: string) => `of ${planTitle}`,
    starting: "Starting…",
  },
  /** Courses: ordered sessions (plans) run with one group over weeks, in the library and on a course's page. */
  courses: {
    heading: "Courses",
    intro: "A course is a set of sessions to run with one group over several weeks, in order.",
    builtIn: "Built-in course",
    own: "Your course",
    sessionCount: (count: number) => `${count} sessions`,
    sessions: (courseTitle: string) => `Sessions of ${courseTitle}`,
    session: (position: number, planTitle: string) => `Session ${position}: ${planTitle}`,
    notStartable: "This session's plan has no valid version yet.",
    brokenFile: "This course has errors to fix before it can be used:",
    clone: "Clone the whole course",
    cloning: "Cloning…",
    /** Heard after the button by screen readers, who may reach it out of its card. */
    cloneOf: (courseTitle: string) => `“${courseTitle}”`,
    cloneNote: "Copies every session's plan into your own plans, to edit, and makes a course of your own from them, in the same order.",
    copyTitle: (title: string) => `${title} (copy)`,
    open: "Open the course",
    back: "← Library",
    title: (courseTitle: string) => `${courseTitle} · Beside`,
    titleFallback: "Course · Beside",
    builtInFrom: (file: string) => `A built-in course from ${file}. Clone it to edit copies of its sessions.`,
    clonedFrom: (from: string) => `Cloned from ${from}.`,
    history: "History of this course",
    compare: "Check-in and check-out across the sessions",
    refusals: {
      noSuchCourse: "That course doesn't exist.",
      /** `reason`: why the library refused to clone that session's plan. */
      sessionNotCloned: (position: number, reason: string) => `Session ${position} couldn't be cloned, so nothing was copied: ${reason}`,
    },
  },
  /** The library forms' checks, in the browser and in the actions alike. */
  forms: {
    k: (min: number, max: number) => `Choose a privacy threshold from ${min} to ${max}.`,
    chooseVersion: "Choose a version.",
    choosePlan: "Choose a plan.",
    unknownButton: "That button isn't one this page knows.",
    writeMarkdown: "Write the plan's Markdown.",
    tooLong: (kilobytes: number) => `A plan can be at most ${kilobytes} KB of text.`,
    sendText: "Send the plan's text.",
  },
  /** Why the library or the run engine refused. */
  refusals: {
    noSuchPlan: "That plan doesn't exist.",
    noSuchVersion: "That version of the plan doesn't exist.",
    noSuchPlanOrVersion: "That plan or version doesn't exist.",
    builtInReadOnly: "Built-in plans can't be changed. Clone it to edit a copy.",
  },
};
