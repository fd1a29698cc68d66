import { Modal } from 'antd';
import { create } from 'zustand';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n';

/** Whether the keys help is open: `?` in the player and the scorecard's 快捷键 button open the same one. */
export const useKeyHelp = create<{ open: boolean }>(() => ({ open: false }));

const playerRows: [string, MessageKey][] = [
  ['Space', 'pl.help.space'],
  ['← / →', 'pl.help.arrows'],
  ['Shift + ← / →', 'pl.help.shiftArrows'],
  ['[ / ]', 'pl.help.speed'],
  ['Z / Shift + Z', 'pl.help.zoom'],
  ['M', 'pl.help.note'],
  ['?', 'pl.help.help'],
];

const scoringRows: [string, MessageKey][] = [
  ['↑ / ↓ · K / J', 'keys.move'],
  ['0–9', 'keys.points'],
  ['+ / −', 'keys.step'],
  ['P / Y · F / X', 'keys.passFail'],
  ['1–9 · 0', 'keys.choice'],
  ['N', 'keys.na'],
  ['Backspace', 'keys.clear'],
  ['Enter', 'keys.note'],
  ['Esc', 'keys.leave'],
  ['Ctrl + Enter', 'keys.submit'],
];

function KeyTable({ caption, rows }: { caption: string; rows: [string, MessageKey][] }) {
  const t = useT();
  return (
    <table className="qa-player-help">
      <caption>{caption}</caption>
      <tbody>
        {rows.map(([keys, text]) => (
          <tr key={keys}>
            <th scope="row">
              <kbd>{keys}</kbd>
            </th>
            <td>{t(text)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The evaluate page's one keyboard map: the player's keys and the scorecard's, which share none. */
export function HelpOverlay({ scoring = true }: { scoring?: boolean }) {
  const t = useT();
  const open = useKeyHelp((s) => s.open);
  return (
    <Modal
      open={open}
      onCancel={() => useKeyHelp.setState({ open: false })}
      footer={null}
      title={t('pl.help.title')}
      destroyOnHidden
    >
      <div data-testid="player-help" className="qa-help-tables">
        <KeyTable caption={t('keys.player')} rows={playerRows} />
        {scoring && <KeyTable caption={t('keys.scorecard')} rows={scoringRows} />}
      </div>
    </Modal>
  );
}
