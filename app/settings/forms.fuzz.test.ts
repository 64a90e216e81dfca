import { describe, expect, it } from "vitest";

import { validateForm } from "~/forms/validate";
import { MAX_K, MIN_K } from "~/domain/rules";
import { staffEn } from "~/strings/en/staff-pages";

import { describeThrown, fuzzSeeds, fuzzTimeout, type Random, randomText, seededRandom, timed } from "../../tests/helpers/fuzz";

import { contrastRatio, MIN_ACCENT_CONTRAST, MIN_TEXT_CONTRAST } from "./contrast";
import { MAX_ORGANISATION_NAME, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, settingsForms, type SettingsIntent } from "./forms";

/**
 * Issue 5: whatever a settings form sends (a tampered request as much as a typo), the
 * action gets the settings or a message for a field, never an exception. Values arrive
 * as FormData, as in the action: text, repeated fields and files.
 * Reproduce a failure with FUZZ_SEED=<seed> FUZZ_RUNS=1.
 */

const INTENTS = Object.keys(settingsForms(staffEn)) as SettingsIntent[];
const FIELDS = ["intent", "organisationName", "background", "text", "accent", "defaultK", "retentionDays", "source"];

const GARBAGE = [
  "", " ", "0", "-1", "1.5", "1e400", "NaN", "Infinity", "0x10", "3", "50", "51", "3650", "3651", "#fff", "#FFFFFF", "#000000",
  "#1b6560", " #1B6560 ", "#12345g", "#1234567", "red", "rgb(0,0,0)", "\0", "\uD800", "😀", "a".repeat(81), "x".repeat(100_001),
  "__proto__", "constructor", "colours", "help", "toString", "null", "undefined", "[object Object]",
];

function garbage(random: Random, field: string): string {
  if (field === "intent" && random.int(2)) return random.pick(INTENTS);
  switch (random.int(3)) {
    case 0:
      return random.pick(GARBAGE);
    case 1:
      return randomText(random, 30);
    default:
      return `#${Array.from({ length: 6 }, () => random.pick([..."0123456789abcdefABCDEF"])).join("")}`;
  }
}

/** What is wrong with accepted settings; undefined when each is what the page promises. */
function wrongData(intent: SettingsIntent, data: Record<string, unknown>): string | undefined {
  if (data.intent !== intent) return `intent ${String(data.intent)}`;
  if (intent === "organisation" && (data.organisationName as string).length > MAX_ORGANISATION_NAME) return "a long name";
  if (intent === "colours") {
    const { background, text, accent } = data as { background: string; text: string; accent: string };
    if (![background, text, accent].every((hex) => /^#[0-9a-f]{6}$/.test(hex))) return "a colour not in #rrggbb";
    if (contrastRatio(text, background) < MIN_TEXT_CONTRAST || contrastRatio(accent, background) < MIN_ACCENT_CONTRAST) {
      return "colours a room can't read";
    }
  }
  if (intent === "retention") {
    const days = data.retentionDays as number;
    if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) return `${days} days`;
  }
  const k = data.defaultK as number;
  if (intent === "privacy" && !(Number.isInteger(k) && k >= MIN_K && k <= MAX_K)) return `k ${String(data.defaultK)}`;
  return undefined;
}

describe("settings forms with random values", () => {
  it("give the settings or a message for a field, never an exception", () => {
    const failures: string[] = [];
    let accepted = 0;
    const seeds = fuzzSeeds(3000, 600_000);
    for (const seed of seeds) {
      const random = seededRandom(seed);
      const intent = random.pick(INTENTS);
      const form = new FormData();
      form.append("intent", intent);
      for (const field of FIELDS) {
        const times = random.int(3);
        for (let i = 0; i < times; i++) {
          if (random.int(10)) form.append(field, garbage(random, field));
          else form.append(field, new File([garbage(random, field)], "x.txt"));
        }
      }
      const run = timed(() => validateForm(settingsForms(staffEn)[intent], form));
      const shown = [...form.entries()].map(([name, value]) => `${name}=${JSON.stringify(typeof value === "string" ? value.slice(0, 40) : "(a file)")}`);
      const fail = (problem: string) => failures.push(`seed ${seed} (${shown.join(" ")}): ${problem}`);
      if ("thrown" in run) {
        fail(describeThrown(run.thrown));
        continue;
      }
      const result = run.value!;
      if (result.ok) {
        accepted++;
        const wrong = wrongData(intent, result.data as Record<string, unknown>);
        if (wrong) fail(`accepted ${wrong}`);
      } else {
        const errors = Object.entries(result.errors);
        if (errors.length === 0) fail("refused with no message");
        for (const [field, message] of errors) {
          if (field !== "form" && !FIELDS.includes(field)) fail(`a message for the unknown field ${field}`);
          if (typeof message !== "string" || message.trim() === "") fail(`an empty message for ${field}`);
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
  }, fuzzTimeout(30_000));
});
