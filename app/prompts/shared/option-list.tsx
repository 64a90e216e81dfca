/** A choice prompt's options on the display, before any result is shown. */
export function OptionList({ options }: { options: string[] }) {
  return (
    <ul className="display__options">
      {options.map((option) => (
        <li key={option}>{option}</li>
      ))}
    </ul>
  );
}
