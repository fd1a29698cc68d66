import { useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../../shared/api';
import type { ErrorCode } from '../../../shared/errors';
import { call } from '../../api';
import { errorCodeOf } from './errors';
import { useReportsVersion } from './refresh';

/** Calls a report method whenever its input changes; the latest answer wins. */
export function useReport<M extends Method>(method: M, input: Input<M> | null) {
  const [state, setState] = useState<{ data: Output<M> | null; error: ErrorCode | null; loading: boolean }>({
    data: null,
    error: null,
    loading: input !== null,
  });
  const key = JSON.stringify(input);
  const version = useReportsVersion((s) => s.version);
  useEffect(() => {
    if (input === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    call(method, input)
      .then((data) => current && setState({ data, error: null, loading: false }))
      .catch((error: unknown) => {
        if (current) setState({ data: null, error: errorCodeOf(error), loading: false });
      });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialised input is the dependency
  }, [method, key, version]);
  return state;
}
