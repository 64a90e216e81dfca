import { z } from "zod/v4";

/**
 * What one Beside process tells the others about a run, on the bus (issue 20, decision 052). Each says only that
 * something changed: every process reads what it sends its own screens from the database, so no view, answer or
 * phone ever crosses Redis. Validated on receipt like any other input: a message that doesn't parse is dropped.
 */
const run = z.string().min(1).max(64);
const count = z.number().int().min(0).max(1_000_000);

export const hubMessageSchema = z.discriminatedUnion("t", [
  /** A command changed the run (slide, phase, pause, end…): every screen gets a fresh view. */
  z.object({ t: z.literal("state"), run }),
  /** Answers or "I'm in" were committed, or phones came or went: results within the tally interval. */
  z.object({ t: z.literal("answers"), run }),
  /** The run's holder released answers or votes: results now. */
  z.object({ t: z.literal("tally"), run }),
  /** A question reached the console's queue: consoles get a fresh view. */
  z.object({ t: z.literal("console"), run }),
  /** For the run's holder, which delays, counts and tells: a phone's signal, a question sent, a vote. */
  z.object({ t: z.literal("signal"), run, kind: z.enum(["pause", "stepping-out"]) }),
  z.object({ t: z.literal("question"), run, id: z.string().min(1).max(64) }),
  z.object({ t: z.literal("vote"), run }),
  /** The holder's signal counts for the run, for the consoles on other processes. */
  z.object({
    t: z.literal("signals"),
    run,
    counts: z.object({ pause: count, steppingOut: count, windowMinutes: count }),
  }),
  /** The phones and displays connected to the sending process, per run (0s for a run it just lost its last one of). */
  z.object({ t: z.literal("presence"), runs: z.record(run, z.tuple([count, count])) }),
]);

export type HubMessage = z.infer<typeof hubMessageSchema>;
