import { isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import type { ZodIssue } from "zod";

/**
 * The source offset of what a validation issue is about: the key or list item
 * at `path` in a parsed YAML document, or its nearest existing parent. Plan
 * files and the help file both report problems at this line.
 */
export function offsetOfPath(root: YamlNode | null, path: ReadonlyArray<string | number>): number | undefined {
  let node: unknown = root;
  let offset = root?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** An unknown key is reported at that key, not at the object holding it. */
export function pathOfUnknownKey(issue: ZodIssue): Array<string | number> | undefined {
  return issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : undefined;
}
