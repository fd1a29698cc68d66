import { Modal, Typography } from 'antd';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n';

const rows: [string, MessageKey][] = [
  ['Space', 'pl.help.space'],
  ['← / →', 'pl.help.arrows'],
  ['Shift + ← / →', 'pl.help.shiftArrows'],
  ['[ / ]', 'pl.help.speed'],
  ['+ / −', 'pl.help.zoom'],
  ['N', 'pl.help.note'],
  ['?', 'pl.help.help'],
];

export function HelpOverlay({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('pl.help.title')} destroyOnHidden>
      <table className="qa-player-help" data-testid="player-help">
        <tbody>
          {rows.map(([keys, text]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{t(text)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('pl.help.shared')}
      </Typography.Paragraph>
    </Modal>
  );
}
