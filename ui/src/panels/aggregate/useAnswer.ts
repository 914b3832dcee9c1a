// A question to the backend, asked again whenever it changes. Only the answer
// to the question still standing is kept: a slow reply to an older question
// (an item count since changed, a model since edited) is dropped.
import { useEffect, useEffectEvent, useState } from "react";

import { asFailure } from "../../api";
import type { Failure } from "../../generated/types";

export interface Answer<T> {
  /** The latest answer; while `loading`, the previous question's. */
  value: T | null;
  /** Why the question standing was refused. */
  failure: Failure | null;
  loading: boolean;
}

type Stored<T> = { question: string } & ({ value: T } | { failure: Failure });

/** `question` holds everything the answer depends on; `null` asks nothing. */
export function useAnswer<Q, T>(question: Q | null, ask: (question: Q) => Promise<T>): Answer<T> {
  const key = question === null ? null : JSON.stringify(question);
  const [stored, setStored] = useState<Stored<T> | null>(null);
  const start = useEffectEvent(() => (question === null ? null : ask(question)));
  useEffect(() => {
    const pending = start();
    if (key === null || pending === null) return;
    let standing = true;
    pending.then(
      (value) => {
        if (standing) setStored({ question: key, value });
      },
      (error: unknown) => {
        if (standing) setStored({ question: key, failure: asFailure(error) });
      },
    );
    return () => {
      standing = false;
    };
  }, [key]);
  if (key === null) {
    return { value: null, failure: null, loading: false };
  }
  const answered = stored?.question === key;
  return {
    value: stored !== null && "value" in stored ? stored.value : null,
    failure: answered && "failure" in stored ? stored.failure : null,
    loading: !answered,
  };
}
