import type { Moderation } from "~/realtime/events";

import type { PromptLogic } from "../module";
import { accept, refuse } from "../module";
import { hasLoneSurrogate, normaliseText, textRows } from "../shared/text";

import type { OpenTextPrompt } from "./plan";

export type OpenTextAnswer = { type: "open-text"; text: string };
export type OpenTextTally = {
  type: "open-text";
  answers: number;
  /**
   * The console gets every entry with its `moderation`; public screens get
   * only approved entries, in an order that says nothing about who wrote them or when.
   */
  entries: Array<{ text: string; count: number; moderation?: Moderation }>;
};

export const openText: PromptLogic<OpenTextPrompt, OpenTextAnswer, OpenTextTally> = {
  check: (prompt, answer) => {
    if (hasLoneSurrogate(answer.text)) return refuse({ reason: "answers.unreadable" });
    const text = normaliseText(answer.text);
    if (!text) return refuse({ reason: "answers.writeSomething" });
    if (text.length > prompt.maxLength) return refuse({ reason: "answers.textTooLong", params: { max: prompt.maxLength } });
    return accept([text]);
  },
  restore: (_prompt, { strings }) => ({ type: "open-text", text: strings[0] ?? "" }),
  // Alphabetical: no order that hints at who wrote what, or when.
  tally: (_prompt, answers, rows) => ({
    type: "open-text",
    answers,
    entries: textRows(rows)
      .sort((a, b) => a.value.localeCompare(b.value))
      .map(({ value, count }) => ({ text: value, count })),
  }),
  settings: (t, prompt) => [t.maxLength(prompt.maxLength)],
  // Read aloud, one answer at its longest fills the most: at the minimum size, up to 40 ems wide.
  displayHeight: (prompt, m) => ({ choices: 0, results: m.textHeight("x".repeat(prompt.maxLength), Math.min(m.width, 40 * m.text), 1, 1.3) + m.line + m.text }),
  // Never free text in the CSV: one row with the prompt's counts.
  csvRows: () => [["", null]],
  text: {
    kind: "entries",
    values: (tally) => tally.entries.map((entry) => entry.text),
    moderate: (tally, audience, decisions, orderKey) => {
      // One order for everyone, so the console's list of approved entries reads in the display's order.
      const keyed = tally.entries.map((entry) => ({ entry, key: orderKey(entry.text) }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const ordered = keyed.map(({ entry }) => entry);
      if (audience === "facilitator") {
        return { ...tally, entries: ordered.map((entry) => ({ ...entry, moderation: decisions.get(entry.text) ?? "pending" })) };
      }
      return { ...tally, entries: ordered.filter((entry) => decisions.get(entry.text) === "approved") };
    },
  },
};
