import type { DisplayMeasure } from "../module";

/**
 * How tall a list of options is on the smallest display (slide fit): in a grid while asked, one bar per option
 * with its results. `value` is how many minimum-text ems a bar's figures take; `note` a line under the bars.
 */
export function choiceHeights(options: string[], m: DisplayMeasure, { value = 6, note }: { value?: number; note?: string } = {}) {
  const choices = m.gridHeight(options, 14 * m.text, 1.5 * m.text, (text, width) => m.textHeight(text, width - 1.2 * m.text)) + 0.8 * m.text;
  // Label, bar and figures share a row: the label has five ninths of what the figures leave.
  const label = ((m.width - value * m.text) * 5) / 9;
  let results = options.reduce((sum, option) => sum + m.textHeight(option, label, 1, 1.2) + 0.3 * m.text, 0);
  if (note) results += m.textHeight(note, m.width);
  return { choices, results };
}
