import { z } from "zod/v4";

/** An option's or a slide's place in a list, as a payload names it. */
export const index = z.number().int().min(0).max(1000);
