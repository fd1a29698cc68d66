import { playFrom } from '../../player/play-from';
import { ArrowLeftOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvaluationReadView } from '../../../../shared/contracts/reports';
import type { ErrorCode } from '../../../../shared/errors';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { useNavigation } from '../../../shell/navigation';
import { FeedbackPanel } from '../../disputes/FeedbackPanel';
import { errorCodeOf } from '../errors';
import '../reports.css';
import { CallDetails } from './CallDetails';
import { Findings, Notes } from './Findings';
import { wallClock } from './format';
import { HistoryDrawer } from './HistoryDrawer';
import { Playback } from './Playback';
import { evaluationIdFromHash } from './route';
import { ScoreDetails } from './ScoreDetails';

function useEvaluationId(): string | null {
  const [id, setId] = useState(evaluationIdFromHash);
  useEffect(() => {
    const on = () => setId(evaluationIdFromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return id;
}

/** Back to where the evaluation was opened from (the reports), or to the reports when opened directly. */
function useBack(): () => void {
  const go = useNavigation((s) => s.go);
  return useCallback(() => {
    if (window.history.length > 1) window.history.back();
    else go('reports');
  }, [go]);
}

/** `#/evaluation/<id>`: any evaluation the reports hold, read-only, whoever scored it. Esc goes back. */
export function EvaluationPage() {
  const t = useT();
  const id = useEvaluationId();
  const back = useBack();
  const audio = useRef<HTMLAudioElement>(null);
  const [view, setView] = useState<EvaluationReadView | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [history, setHistory] = useState(false);

  useEffect(() => {
    if (!id) return;
    let current = true;
    setView(null);
    setError(null);
    call('reports.evaluation', { id })
      .then((v) => current && setView(v))
      .catch((e: unknown) => current && setError(errorCodeOf(e)));
    return () => {
      current = false;
    };
  }, [id]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Esc inside the history drawer closes the drawer only (antd handles it there).
      if (event.key !== 'Escape' || history || event.defaultPrevented) return;
      event.preventDefault();
      back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back, history]);

  const seek = (ms: number) => {
    const media = audio.current;
    if (!media) return;
    playFrom(media, ms);
  };

  const header = (
    <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('evaluation.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {view
            ? t('evaluation.title', {
                agent: [view.call?.agentName, view.body.agentNo].filter(Boolean).join(' '),
                at: wallClock(view.call?.startedAt ?? null),
              })
            : t('evaluation.titleLoading')}
        </Typography.Title>
        <Tag color="default">{t('evaluation.readOnly')}</Tag>
      </Space>
      {id && (
        <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)} disabled={!view}>
          {t('evaluation.history')}
        </Button>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="evaluation-view">
      {header}
      <Typography.Text type="secondary">{t('evaluation.keys')}</Typography.Text>
      {error && <Alert type="error" showIcon title={t(`evaluation.error.${error}`)} />}
      {!error && !view && <Spin />}
      {view && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={11}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <CallDetails view={view} />
              {/* A chat or a store visit (call.channel set) has no audio to play or seek. */}
              <Playback ref={audio} recordingId={view.call?.channel ? null : view.recordingId} />
              <Findings view={view} />
              <Notes view={view} onSeek={view.recordingId && !view.call?.channel ? seek : null} />
            </Space>
          </Col>
          <Col xs={24} xl={13}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <FeedbackPanel evaluationId={view.id} />
              <ScoreDetails view={view} />
            </Space>
          </Col>
        </Row>
      )}
      {id && <HistoryDrawer id={id} open={history} onClose={() => setHistory(false)} />}
    </Space>
  );
}
