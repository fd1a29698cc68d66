import { playFrom } from '../player/play-from';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Statistic, Table, Typography, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { AlphaFigure } from '../../../shared/calibration-math';
import type { CalibrationResultsView } from '../../../shared/contracts/calibration';
import { useT } from '../../i18n';
import { Playback } from '../reports/evaluation/Playback';
import { Loading, useCall } from './CalibrationPage';
import { DisagreementList } from './DisagreementList';
import { ExportResults } from './ExportResults';
import { percent, points } from './format';
import { sessionHash } from './route';
import { SpreadChart } from './SpreadChart';

function AlphaCard({ title, figure, testId }: { title: string; figure: AlphaFigure; testId: string }) {
  const t = useT();
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={figure.alpha === null ? '—' : figure.alpha.toFixed(3)} />
      <Typography.Text
        type={figure.reading === 'reliable' ? 'success' : figure.reading === 'undefined' ? 'secondary' : 'danger'}
      >
        {t(`cal.reading.${figure.reading}`)}
      </Typography.Text>
      <br />
      <Typography.Text type="secondary">{t('cal.res.units', { count: figure.units })}</Typography.Text>
    </Card>
  );
}

/** The results, on screen or printed: agreement, each inspector's alignment, the spread, the items disputed. */
export function ResultsView({
  r,
  print,
  onPlay,
}: {
  r: CalibrationResultsView;
  print: boolean;
  onPlay?: (sha256: string, ms: number) => void;
}) {
  const t = useT();
  const names = new Map(r.inspectors.map((i) => [i.inspectorId, i.name || i.inspectorId]));
  const callLabel = (sha: string) => r.calls.find((c) => c.sha256 === sha)?.callId ?? sha.slice(0, 12);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="calibration-results">
      <Row gutter={12}>
        {(['interval', 'nominal'] as const).map((metric) => (
          <Col span={12} key={metric}>
            <AlphaCard
              title={`${t('cal.res.alpha')} · ${t(metric === 'interval' ? 'cal.res.alphaInterval' : 'cal.res.alphaNominal')}`}
              figure={r.alpha[metric]}
              testId={`alpha-${metric}`}
            />
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('cal.res.inspectors')}>
        <Table
          size="small"
          rowKey="inspectorId"
          pagination={false}
          data-testid="calibration-inspectors"
          dataSource={r.inspectors}
          columns={[
            { title: t('cal.res.inspector'), render: (_, i) => names.get(i.inspectorId) },
            { title: t('cal.res.calls'), dataIndex: 'calls' },
            { title: t('cal.res.alignment'), render: (_, i) => percent(i.alignment, 2) },
            { title: t('cal.res.meanDeviation'), render: (_, i) => points(i.meanDeviation) },
          ]}
        />
      </Card>
      <Card size="small" title={t('cal.res.spread')}>
        <SpreadChart items={r.items} callLabel={callLabel} print={print} />
      </Card>
      <Card size="small" title={t('cal.res.items')}>
        <DisagreementList items={r.items} names={names} callLabel={callLabel} onPlay={onPlay} />
      </Card>
      <Card size="small" title={t('cal.res.totals')}>
        <Table
          size="small"
          rowKey="sha256"
          pagination={false}
          dataSource={r.calls}
          columns={[
            { title: t('cal.res.call'), render: (_, c) => callLabel(c.sha256) },
            ...r.inspectors.map((i) => ({
              title: names.get(i.inspectorId),
              render: (_: unknown, c: (typeof r.calls)[number]) =>
                points(c.scores.find((s) => s.inspectorId === i.inspectorId)?.total),
            })),
            { title: t('cal.res.mean'), render: (_, c) => points(c.total.mean) },
            { title: t('cal.res.sd'), render: (_, c) => points(c.total.sd) },
            { title: t('cal.res.target'), render: (_, c) => points(c.target) },
          ]}
        />
      </Card>
      <Card size="small" title={t('cal.res.sections')}>
        <Table
          size="small"
          rowKey={(s) => `${s.sha256}:${s.sectionId}`}
          pagination={false}
          dataSource={r.sections}
          columns={[
            { title: t('cal.res.call'), render: (_, s) => callLabel(s.sha256) },
            { title: t('cal.res.section'), render: (_, s) => `${s.name}（${s.points}）` },
            { title: t('cal.res.mean'), render: (_, s) => points(s.mean) },
            { title: t('cal.res.sd'), render: (_, s) => points(s.sd) },
            { title: t('cal.res.range'), render: (_, s) => `${points(s.min)}–${points(s.max)}` },
          ]}
        />
      </Card>
    </Space>
  );
}

/** `#/calibration/<id>/results`: the results with the call's audio beside the notes, and the exports. */
export function ResultsPage({ id }: { id: string }) {
  const t = useT();
  const { data, error } = useCall('calibration.results', { id }, id);
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState<{ recordingId: string; ms: number; at: number } | null>(null);
  useEffect(() => {
    const media = audio.current;
    if (!media || !playing) return;
    return playFrom(media, playing.ms);
  }, [playing]);
  if (!data) return <Loading error={error} />;
  const recordingOf = (sha: string) => data.session.calls.find((c) => c.sha256 === sha)?.recordingId ?? null;
  const current = playing?.recordingId ?? data.session.calls.find((c) => c.recordingId)?.recordingId ?? null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => (window.location.hash = sessionHash(id))}>
            {t('cal.back')}
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('cal.res.title', { name: data.session.name })}
          </Typography.Title>
        </Space>
        <ExportResults id={id} name={data.session.name} />
      </Space>
      <Playback ref={audio} recordingId={current} />
      <ResultsView
        r={data}
        print={false}
        onPlay={(sha, ms) => {
          const recordingId = recordingOf(sha);
          if (recordingId) setPlaying({ recordingId, ms, at: Date.now() });
        }}
      />
    </Space>
  );
}

/** `#/calibration/print?id=…`: the results alone; data-print-ready once drawn (what the PDF printer waits for). */
export function ResultsPrint({ id }: { id: string }) {
  const t = useT();
  const { data, error } = useCall('calibration.results', { id }, id);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // the shell's menu and status bar stay off the paper (reports.css)
    document.body.classList.add('qa-print');
    return () => document.body.classList.remove('qa-print');
  }, []);
  useEffect(() => {
    if (!data && !error) return;
    // charts draw in the frame after React commits them
    const frame = requestAnimationFrame(() => setTimeout(() => setReady(true), 0));
    return () => cancelAnimationFrame(frame);
  }, [data, error]);
  return (
    <div data-print-ready={ready ? 'true' : 'false'} data-print-error={error ?? undefined} className="report-print">
      {data ? (
        <>
          <Typography.Title level={3}>{t('cal.res.title', { name: data.session.name })}</Typography.Title>
          <ResultsView r={data} print />
        </>
      ) : (
        <Loading error={error} />
      )}
    </div>
  );
}
