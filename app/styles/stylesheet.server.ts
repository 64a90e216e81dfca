import fs from "node:fs";
import path from "node:path";

const texts = new Map<string, string>();

/** The text of a stylesheet of the build, by the address the build gave it; read from public/ once. */
export function stylesheetText(href: string): string {
  let text = texts.get(href);
  if (text === undefined) {
    // The build names its assets by their content: an address is always the same text.
    text = fs.readFileSync(path.join("public", href), "utf8").replaceAll("</style", "<\\/style");
    texts.set(href, text);
  }
  return text;
}
