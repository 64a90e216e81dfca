import { lazy, Suspense } from "react";

type Part<Props> = (props: Props) => JSX.Element;

/**
 * A part of a prompt type (its phone input, say) whose code loads only when a screen first shows it: the
 * registries stay small, the part's code is a chunk of its own (a dynamic import()), and until it has
 * loaded `Fallback` shows with the same props. The phone page's JavaScript budget is why
 * (docs/decisions/035-ranking-borda.md); any type may register a part this way.
 */
export function lazyPart<Props extends object>(load: () => Promise<{ default: Part<Props> }>, Fallback: Part<Props>): Part<Props> {
  // As a plain component: React.lazy's own type asks props to allow a ref, which a part never takes.
  const Part = lazy(load) as unknown as Part<Props>;
  return function LazyPart(props: Props) {
    return (
      <Suspense fallback={<Fallback {...props} />}>
        <Part {...props} />
      </Suspense>
    );
  };
}
