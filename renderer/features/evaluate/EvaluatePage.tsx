import { Alert, Button, Col, Row, Space, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { prepareRecording } from '../player/prefetch';
import { RecordingPanel } from './RecordingPanel';
import { RevisionHistory } from './RevisionHistory';
import { ScoringPanel } from './ScoringPanel';
import { useEvaluate } from './store';
import { WorkQueue } from './WorkQueue';

/** `#/evaluate/<recordingId>` opens that recording; `#/evaluate` alone shows the work queue. */
function recordingIdFromHash(): string | null {
  const [page, id] = window.location.hash.replace(/^#\/?/, '').split('/');
  return page === 'evaluate' && id ? decodeURIComponent(id) : null;
}

function useRecordingId(): string | null {
  const [id, setId] = useState(recordingIdFromHash);
  useEffect(() => {
    const onHash = () => setId(recordingIdFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return id;
}

const scoringFallbackMs = 1_000;

function Evaluation({ recordingId }: { recordingId: string }) {
  const t = useT();
  const { view, loading, error, def, load, flush } = useEvaluate();
  useEffect(() => {
    prepareRecording(recordingId);
    void load(recordingId);
  }, [recordingId, load]);
  // The scorecard is the heaviest part of the page (a few hundred ms to lay out): it follows once the waveform is
  // painted and the audio can play, so an inspector can start listening at once. A stalled player holds it back
  // for a moment at most.
  const [showScoring, setShowScoring] = useState(false);
  // After the frame that shows the waveform and its markers, not inside it.
  const scoringNow = useCallback(() => requestAnimationFrame(() => setTimeout(() => setShowScoring(true), 0)), []);
  useEffect(() => {
    setShowScoring(false);
    const fallback = setTimeout(() => setShowScoring(true), scoringFallbackMs);
    return () => clearTimeout(fallback);
  }, [recordingId]);
  // Leaving the page (or closing the window) must not drop the last change.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  if (error) return <Alert type="error" showIcon message={t('ev.notFound')} description={error} />;
  if (loading || !view || view.recording.id !== recordingId) return <Spin />;
  return (
    <Row gutter={16} className="ev-page" data-recording-id={recordingId}>
      <Col xs={24} lg={9}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="link" onClick={() => (window.location.hash = '#/evaluate')} style={{ padding: 0 }}>
            ← {t('ev.back')}
          </Button>
          <RecordingPanel recording={view.recording} onSettled={scoringNow} />
          {showScoring && <RevisionHistory revisions={view.revisions} def={def} />}
        </Space>
      </Col>
      <Col xs={24} lg={15}>
        {showScoring ? <ScoringPanel /> : <Spin />}
      </Col>
    </Row>
  );
}

export function EvaluatePage() {
  const recordingId = useRecordingId();
  return recordingId ? <Evaluation recordingId={recordingId} /> : <WorkQueue />;
}
