import type { Breathing } from "~/content/plan-schema";

export type BreathingPhase = "inhale" | "hold" | "exhale";

export interface BreathingStep {
  phase: BreathingPhase;
  /** Whole seconds, at least 1. */
  seconds: number;
  label: string;
}

/** Whole seconds; anything missing, negative or not a number counts as 0. */
function wholeSeconds(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/**
 * One breath, phase by phase, for the breathing guide, each phase with its label (the catalogue's
 * room.breathing). The hold is left out when it is 0, so the guide goes straight from breathing in
 * to breathing out. Breathing in and out always last at least a second, so a slip in a plan can
 * never make the guide flicker.
 */
export function breathingPhases(breathing: Breathing, labels: Record<BreathingPhase, string>): BreathingStep[] {
  const hold = wholeSeconds(breathing.hold);
  const steps: BreathingStep[] = [{ phase: "inhale", seconds: Math.max(1, wholeSeconds(breathing.inhale)), label: labels.inhale }];
  if (hold > 0) steps.push({ phase: "hold", seconds: hold, label: labels.hold });
  steps.push({ phase: "exhale", seconds: Math.max(1, wholeSeconds(breathing.exhale)), label: labels.exhale });
  return steps;
}
