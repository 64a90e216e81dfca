import type { StaffStrings } from "~/strings/staff-catalogues";

/**
 * A page's form schemas, whose refusals are said in the staff page's language: built once per catalogue, and
 * the same in the browser (from useStaffStrings) and in the action (from the account's catalogue).
 */
export function perCatalogue<T>(build: (strings: StaffStrings) => T): (strings: StaffStrings) => T {
  const built = new WeakMap<StaffStrings, T>();
  return (strings) => {
    let forms = built.get(strings);
    if (!forms) {
      forms = build(strings);
      built.set(strings, forms);
    }
    return forms;
  };
}
