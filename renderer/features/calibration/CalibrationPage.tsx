import { Alert, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ErrorCode } from '../../../shared/errors';
import type { Input, Method, Output } from '../../../shared/api';
import { call } from '../../api';
import { useT } from '../../i18n';
import { errorCodeOf } from '../reports/errors';
import { ResultsPage, ResultsPrint } from './ResultsPage';
import { calibrationRoute, type CalibrationRoute } from './route';
import { SessionDetail } from './SessionDetail';
import { SessionList } from './SessionList';

function useRoute(): CalibrationRoute {
  const [route, setRoute] = useState(() => calibrationRoute());
  useEffect(() => {
    const on = () => setRoute(calibrationRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** A call's answer, its error code and a reload; `key` changes reload it. */
export function useCall<M extends Method>(method: M, input: Input<M>, key: string) {
  const [data, setData] = useState<Output<M> | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    call(method, input).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(errorCodeOf(e)),
    );
    return () => {
      live = false;
    };
    // the input is described by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}

export function Loading({ error }: { error: ErrorCode | null }) {
  const t = useT();
  return error ? (
    <Alert type="error" showIcon title={t(`cal.error.${error}`)} data-testid="calibration-error" />
  ) : (
    <Spin>
      <div style={{ height: 120 }} />
    </Spin>
  );
}

/** 校准: the sessions, one session, its results, or its results alone for printing. */
export function CalibrationPage() {
  const route = useRoute();
  switch (route.view) {
    case 'list':
      return <SessionList />;
    case 'detail':
      return <SessionDetail id={route.id} />;
    case 'results':
      return <ResultsPage id={route.id} />;
    case 'print':
      return <ResultsPrint id={route.id} />;
  }
}
