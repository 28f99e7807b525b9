/**
 * The kit's one last-call memo: the same arguments (by identity) return the same result object. Widgets derive their
 * view models from the query's data with it, so an unchanged result (kept whole by the query controller's structural
 * sharing) costs nothing to render again, and a chart option that did not change is not set again.
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | undefined;
  let lastResult: R | undefined;
  return (...args: A): R => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((value, i) => Object.is(value, args[i]))) {
      return lastResult as R;
    }
    lastArgs = args;
    lastResult = fn(...args);
    return lastResult;
  };
}
