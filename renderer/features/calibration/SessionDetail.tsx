import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { CalibrationCallView, CalibrationSessionView } from '../../../shared/contracts/calibration';
import { call } from '../../api';
import { useT } from '../../i18n';
import { errorCodeOf } from '../reports/errors';
import { Loading, useCall } from './CalibrationPage';
import { formatTime } from './format';
import { resultsHash, scoreHash } from './route';
import { progressText, StatusTags } from './SessionList';

function CallAction({ session, c }: { session: CalibrationSessionView; c: CalibrationCallView }) {
  const t = useT();
  if (c.mine === null || !c.recordingId) return null;
  const label = c.mine === 'submitted' ? 'cal.call.view' : c.mine === 'draft' ? 'cal.call.continue' : 'cal.call.score';
  if (c.mine !== 'submitted' && session.closedAt) return null;
  return (
    <Button
      size="small"
      type={c.mine === 'submitted' ? 'default' : 'primary'}
      aria-label={`${t(label)}：${c.callId ?? c.sha256.slice(0, 12)}`}
      onClick={() => (window.location.hash = scoreHash(c.recordingId!, session.id))}
    >
      {t(label)}
    </Button>
  );
}

/** One session: its calls as this library has them (or which to import), progress, and what head office said. */
export function SessionDetail({ id }: { id: string }) {
  const t = useT();
  const { message, modal } = AntApp.useApp();
  const { data: s, error, reload } = useCall('calibration.get', { id }, id);
  if (!s) return <Loading error={error} />;

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(done);
      reload();
    } catch (e) {
      void message.error(t(`cal.error.${errorCodeOf(e)}`));
    }
  };
  const close = () =>
    modal.confirm({
      title: t('cal.close'),
      content: t('cal.close.confirm'),
      onOk: () => act(() => call('calibration.close', { id }), t('cal.close.done')),
    });
  const rejected = s.sync?.status === 'rejected' || (s.mine?.rejected.length ?? 0) > 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="calibration-detail">
      <Button icon={<ArrowLeftOutlined />} onClick={() => (window.location.hash = '#/calibration')}>
        {t('cal.back')}
      </Button>
      <Card
        title={s.name}
        extra={
          <Space wrap>
            {s.role === 'creator' && !s.closedAt && <Button onClick={close}>{t('cal.close')}</Button>}
            {rejected && (
              <Button
                onClick={() =>
                  void act(async () => {
                    const r = await call('calibration.resend', { id });
                    void message.info(t('cal.resend.done', { count: r.requeued }));
                  }, t('cal.resend'))
                }
              >
                {t('cal.resend')}
              </Button>
            )}
            <Button
              type="primary"
              disabled={s.results !== 'available'}
              onClick={() => (window.location.hash = resultsHash(id))}
            >
              {t('cal.results')}
            </Button>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'status', label: t('cal.col.status'), children: <StatusTags session={s} /> },
            {
              key: 'card',
              label: t('cal.col.card'),
              children: s.scorecardName ?? `${s.scorecardId} v${s.scorecardVersion}`,
            },
            { key: 'by', label: t('cal.detail.createdBy'), children: s.createdBy.name || '—' },
            { key: 'deadline', label: t('cal.col.deadline'), children: formatTime(s.deadline) },
            ...(s.closedAt
              ? [{ key: 'closed', label: t('cal.detail.closedAt'), children: formatTime(s.closedAt) }]
              : []),
            { key: 'progress', label: t('cal.col.progress'), children: progressText(t, s) },
          ]}
        />
        {s.results !== 'available' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t(`cal.results.${s.results}`)}
          </Typography.Paragraph>
        )}
        {s.sync?.status === 'rejected' && s.sync.code && (
          <Alert type="error" showIcon title={t(`cal.refusal.${s.sync.code}`)} />
        )}
        {s.mine && s.mine.pending > 0 && (
          <Alert type="info" showIcon title={t('cal.mine.pending', { count: s.mine.pending })} />
        )}
        {s.mine?.rejected.map((r) => (
          <Alert
            key={r.sha256}
            type="error"
            showIcon
            title={t('cal.mine.rejected', { reason: r.code ? t(`cal.refusal.${r.code}`) : r.reason })}
          />
        ))}
      </Card>
      <Card title={t('cal.detail.calls')} size="small">
        <Table
          rowKey="sha256"
          size="small"
          pagination={false}
          dataSource={s.calls}
          columns={[
            { title: t('cal.res.call'), render: (_, c) => c.callId ?? c.sha256.slice(0, 12) },
            {
              title: t('cal.col.status'),
              render: (_, c) => (
                <Space orientation="vertical" size={2}>
                  {c.recordingId ? (
                    <Typography.Text>{t('cal.call.inLibrary', { file: c.fileName ?? '' })}</Typography.Text>
                  ) : (
                    <Alert
                      type="warning"
                      showIcon
                      title={t('cal.call.missing', { callId: c.callId ?? '—', sha: c.sha256.slice(0, 12) })}
                    />
                  )}
                  {c.hasReference && <Tag color="purple">{t('cal.call.reference')}</Tag>}
                </Space>
              ),
            },
            ...(s.role === 'inspector'
              ? [
                  {
                    title: t('cal.col.progress'),
                    render: (_: unknown, c: CalibrationCallView) => t(`cal.mine.${c.mine ?? 'todo'}`),
                  },
                ]
              : [
                  {
                    title: t('cal.col.progress'),
                    render: (_: unknown, c: CalibrationCallView) => t('cal.scoredCount', { count: c.scored }),
                  },
                ]),
            { title: '', render: (_, c) => <CallAction session={s} c={c} /> },
          ]}
        />
      </Card>
      <Card title={t('cal.detail.inspectors')} size="small">
        <Space wrap>
          {s.inspectors.map((i) => (
            <Tag key={i.id}>
              {i.name || i.id}
              {s.role !== 'inspector' ? ` · ${t('cal.scoredCount', { count: i.scored })}` : ''}
            </Tag>
          ))}
        </Space>
      </Card>
    </Space>
  );
}
