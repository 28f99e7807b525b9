// The few React 19 APIs the React host uses. The repo has no @types/react: React is only a test host here, so a
// narrow declaration beats a new dependency.
declare module 'react' {
  export interface ReactElement {
    readonly type: unknown;
    readonly props: unknown;
  }
  export type ReactChild = ReactElement | string | number | null | undefined | false;
  export function createElement<P extends object>(
    type: string | ((props: P) => ReactElement | null),
    props?: P | null,
    ...children: ReactChild[]
  ): ReactElement;
  export function useState<T>(initial: T): [T, (next: T | ((previous: T) => T)) => void];
}

declare module 'react-dom/client' {
  import type { ReactElement } from 'react';
  export interface Root {
    render(children: ReactElement): void;
    unmount(): void;
  }
  export function createRoot(container: Element): Root;
}

declare module 'react-dom' {
  export function flushSync<R>(fn: () => R): R;
}
