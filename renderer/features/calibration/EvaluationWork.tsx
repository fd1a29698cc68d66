import { useEffect, useState, type ReactNode } from 'react';
import { useEvaluate } from '../evaluate/store';
import { CalibrationBanner } from './CalibrationBanner';
import { calibrationIdOfEvaluateHash } from './route';
import { WorkRecorder } from './WorkRecorder';

function useCalibrationId(): string | null {
  const [id, setId] = useState(calibrationIdOfEvaluateHash);
  useEffect(() => {
    const on = () => setId(calibrationIdOfEvaluateHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return id;
}

/**
 * Around the evaluate page's call: records the work on it (for grader reports) and, while the call is scored for a
 * calibration session, says so above the page. The page itself stays the one every evaluation uses.
 */
export function EvaluationWork({ recordingId, children }: { recordingId: string; children: ReactNode }) {
  const calibrationId = useCalibrationId();
  const calibration = useEvaluate((s) =>
    s.view?.recording.id === recordingId && s.calibrationId === calibrationId ? s.view.calibration : undefined,
  );
  const locked = useEvaluate((s) => s.mode === 'locked' && s.view?.recording.id === recordingId);
  return (
    <WorkRecorder
      key={calibrationId ?? ''}
      recordingId={recordingId}
      calibrationId={calibrationId ?? undefined}
      recording={!locked}
    >
      {calibration && <CalibrationBanner calibration={calibration} />}
      {children}
    </WorkRecorder>
  );
}
