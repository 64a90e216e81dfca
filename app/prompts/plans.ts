import { multipleChoicePlan } from "./multiple-choice/plan";
import { openTextPlan } from "./open-text/plan";
import { rankingOnlyKeys, rankingPlan } from "./ranking/plan";
import { scaleOnlyKeys, scalePlan } from "./scale/plan";
import { singleChoicePlan } from "./single-choice/plan";
import { wordCloudPlan } from "./word-cloud/plan";

/**
 * Each prompt type's plan fields (zod), by the type's name in the plan format. The order is the order
 * the plan format's documentation and its errors list the types in. `onlyKeys` are keys only that type
 * may have, with why, so another type that has one gets a clear error.
 *
 * One of the five registries (docs/decisions/033-prompt-types-as-modules.md): this one, registry.ts,
 * payloads.ts, inputs.tsx and results.tsx, split by where each part may be loaded.
 */
export const promptPlans = {
  "single-choice": { schema: singleChoicePlan },
  "multiple-choice": { schema: multipleChoicePlan },
  scale: { schema: scalePlan, onlyKeys: scaleOnlyKeys },
  ranking: { schema: rankingPlan, onlyKeys: rankingOnlyKeys },
  "word-cloud": { schema: wordCloudPlan },
  "open-text": { schema: openTextPlan },
};
