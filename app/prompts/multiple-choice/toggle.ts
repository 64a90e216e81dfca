// Its own file: the phone's input needs it, and nothing else of the type's logic.
/**
 * The options chosen after a participant ticks or unticks one. Ticking the
 * prompt's exclusive option ("None of these") unticks the others, and ticking
 * another unticks it: the phone never sends what the server would refuse.
 */
export function toggleOption(chosen: readonly number[], option: number, checked: boolean, exclusive?: number): number[] {
  if (!checked) return chosen.filter((o) => o !== option);
  if (option === exclusive) return [option];
  return [...new Set([...chosen.filter((o) => o !== exclusive), option])].sort((a, b) => a - b);
}
