import { FormOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { forwardRef } from 'react';
import { recordingMedia } from '../../../api';
import { useT } from '../../../i18n';

/**
 * The call's audio, read-only: the browser's own audio controls (keyboard-operable, no waveform to load) streaming
 * the local recording with the same SHA-256; the full player with waveform and talk-over markers is one click away
 * on the evaluate page. The evaluate page's player is not embedded: it edits the recording's notes and is bound to
 * that page's keyboard shortcuts, neither of which belongs in a read-only view.
 */
export const Playback = forwardRef<HTMLAudioElement, { recordingId: string | null }>(function Playback(
  { recordingId },
  ref,
) {
  const t = useT();
  return (
    <Card size="small" title={t('evaluation.audio')}>
      {recordingId ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <audio
            ref={ref}
            controls
            preload="none"
            // The address with browser mode's media key (without it the audio was refused, 401).
            src={recordingMedia(recordingId)}
            aria-label={t('evaluation.audio')}
            style={{ width: '100%' }}
          />
          <Button
            icon={<FormOutlined />}
            onClick={() => {
              window.location.hash = `#/evaluate/${encodeURIComponent(recordingId)}`;
            }}
          >
            {t('evaluation.openInEvaluate')}
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('evaluation.noAudio')}</Typography.Text>
      )}
    </Card>
  );
});
