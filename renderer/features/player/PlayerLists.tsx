import { Tabs } from 'antd';
import { memo } from 'react';
import type { Annotation } from '../../../shared/contracts/evaluations';
import { useT } from '../../i18n';
import type { Marker } from './markers';
import { MarkerList } from './MarkerList';
import { NotesPanel } from './NotesPanel';
import { useNotes } from './store';

/** The notes and the talk-analytics markers under the waveform; apart from the player so its updates skip them. */
export const PlayerLists = memo(function PlayerLists({
  markers,
  onReplay,
  onJump,
}: {
  markers: Marker[];
  onReplay(note: Annotation): void;
  onJump(ms: number): void;
}) {
  const t = useT();
  const noteCount = useNotes((s) => s.notes.length);
  return (
    <Tabs
      size="small"
      items={[
        {
          key: 'notes',
          label: `${t('pl.notes')} (${noteCount})`,
          children: <NotesPanel onReplay={onReplay} />,
        },
        {
          key: 'markers',
          label: `${t('pl.markers')} (${markers.length})`,
          children: <MarkerList markers={markers} onJump={onJump} />,
        },
      ]}
    />
  );
});
