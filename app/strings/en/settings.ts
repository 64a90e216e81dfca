import { formatsFor } from "../intl";
import type { DisplayColours } from "~/settings/display-theme";

const en = formatsFor("en");

/** The organisation's settings page: one section per setting, with its form and its checks. */
export const settings = {
  title: "Settings · Beside",
  heading: "Settings",
  saved: "Saved.",
  save: "Save",
  saving: "Saving…",
  unknownForm: "That form isn't one of this page's. Reload the page and try again.",
  organisation: {
    title: "Organisation",
    name: "Organisation name",
    hint: (max: number) =>
      `Shown at the top of staff pages and small on the audience display. Up to ${max} characters; leave empty for none.`,
  },
  colours: {
    title: "Display colours",
    intro:
      "The audience display's background, text and results colours. Text must stand out from the background at " +
      "least 4.5 to 1 and bars at least 3 to 1 (WCAG 2.2 AA), so the back of a room can read them.",
    yours: "The display uses your colours.",
    besides: "The display uses Beside's colours.",
    reset: "Use Beside's colours",
    resetConfirm: (background: string, text: string, accent: string) =>
      `Your own display colours (background ${background}, text ${text}, results ${accent}) will be deleted, ` +
      "and the display will use Beside's colours.",
    parts: {
      background: "Background",
      text: "Text",
      accent: "Accent (results bars)",
    } satisfies Record<keyof DisplayColours, string>,
    hexHint: "# and six hex digits",
    picker: (part: string) => `${part}: pick from a palette`,
    preview: "Preview of the audience display",
    /** The preview's made-up question and answers. */
    sample: {
      question: "What helps you ask for help?",
      first: "Someone asks first",
      second: "Time to think",
      hint: "Answer on your phone, or pass.",
    },
    textContrast: (ratio: string, min: number) => `Text on background: ${ratio} (needs ${min}:1)`,
    accentContrast: (ratio: string, min: number) => `Accent on background: ${ratio} (needs ${min}:1)`,
    submit: "Save colours",
  },
  privacy: {
    title: "Privacy threshold",
    intro:
      "A question's results stay hidden from everyone, the facilitator included, until at least this many people " +
      "have answered, so nobody in a small group can be picked out by their answer.",
    label: "Show results only after this many answers",
    hint: (min: number, max: number) =>
      `From ${min} to ${max}. New runs start with it; a facilitator can choose another when starting one.`,
  },
  retention: {
    title: "Free-text retention",
    intro:
      "Free-text answers and word-cloud words are deleted for good this many days after a run ends. The counts stay: " +
      "how many answered, passed or chose each option, so past runs keep their results.",
    label: "Days to keep free text after a run ends",
    hint: (min: number, max: number) => `From ${min} to ${max}.`,
  },
  help: {
    title: "Get help resources",
    intro: "The crisis and support lines on the Get help page, linked from every participant's screen.",
    own: "In use: your organisation's own list.",
    shipped: "In use: the list shipped with this server.",
    stale: (count: number) => `${en.plural(count, { one: "# entry was", other: "# entries were" })} last checked more than a year ago.`,
    staleAdvice: "Check the numbers still work and update the date.",
    caption: "Entries in use",
    columns: { place: "Place", service: "Service", contact: "Contact", lastVerified: "Last verified" },
    staleMark: "more than a year ago",
    toVerify: (count: number) =>
      `${en.plural(count, { one: "# entry is", other: "# entries are" })} marked verify: listed by the Beside project, not yet checked by your organisation.`,
    toVerifyAdvice: "Call or open each one, update its date, and remove its verify line.",
    verifyMark: "not yet checked by you",
    call: (phone: string) => `call ${phone}`,
    text: (number: string) => `text ${number}`,
    source: "The list, in YAML",
    /** Before and after `last-verified`, shown as code. */
    hint: {
      text:
        "Grouped by place (a language tag like en-GB), with an \"international\" section shown to everyone. " +
        "Each entry needs a name, a description, a phone, text or url, and",
      end: ": the day someone checked it (YYYY-MM-DD). The comments at the top explain the rest.",
    },
    problems: "Problems in the list",
    refused: "This list has the problems below, so nothing was saved. Fix them and save again.",
    saveList: "Save the list",
    reset: "Go back to the shipped list",
    resetConfirm: (count: number) =>
      `Your organisation's own list of ${en.plural(count, { one: "# entry", other: "# entries" })} will be deleted, ` +
      "and the Get help page will show the list shipped with Beside.",
  },
  regions: {
    title: "Your group's region",
    intro:
      "The places whose services every phone's Get help page shows first, in this order. After them come the " +
      "place matching the phone's language and region, if there is one, then the others.",
    legend: "Regions shown first",
    slots: ["First region", "Second region", "Third region"],
    none: "None",
    notInList: (region: string) => `${region} (not in the list)`,
    hint: "Choose from the places in the Get help list below. With none chosen, a phone whose language matches no place sees the international section first.",
    save: "Save the regions",
  },
  /** The settings forms' checks, in the browser and in the action alike. */
  forms: {
    answersRange: (min: number, max: number) => `Enter a number of answers from ${min} to ${max}.`,
    daysRange: (min: number, max: number) => `Enter a number of days from ${min} to ${max}.`,
    chooseColour: {
      background: "Choose a background colour.",
      text: "Choose a text colour.",
      accent: "Choose an accent colour.",
    } satisfies Record<keyof DisplayColours, string>,
    hexColour: {
      background: "Write the background colour as # and six hex digits, like #1b6560.",
      text: "Write the text colour as # and six hex digits, like #1b6560.",
      accent: "Write the accent colour as # and six hex digits, like #1b6560.",
    } satisfies Record<keyof DisplayColours, string>,
    textContrast: (ratio: string, min: number) =>
      `Text on this background is ${ratio}; a room needs at least ${min}:1 to read it.`,
    accentContrast: (ratio: string, min: number) =>
      `Bars in this accent are ${ratio} against the background; they need at least ${min}:1 to be seen.`,
    nameTooLong: (max: number) => `Keep the name to ${max} characters.`,
    writeList: "Write the list of help resources.",
    regionUnknown: "Choose a region from the list.",
    regionTwice: "Choose each region once.",
    /** `regions`: the refused regions, joined; `count`: how many. */
    regionNotInList: (regions: string, count: number) =>
      `${regions} ${en.plural(count, { one: "is not a section", other: "are not sections" })} of the Get help list in use, so nothing was saved. Choose from the list.`,
    listTooLong: "Keep the list under 100,000 characters.",
  },
};
