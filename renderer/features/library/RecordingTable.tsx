import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button, Tag, Tooltip } from 'antd';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { RecordingListItem, RecordingSortField } from '../../../shared/recording';
import { useT, type Translate } from '../../i18n';
import { markNoAudio, prepareRecording } from '../player/prefetch';
import { formatDuration } from '../player/clock';
import { codecLabel, formatStartedAt } from './format';
import { rowAt, useLibrary } from './store';

const rowHeight = 36;
const headerHeight = 38;
const statusColor = { none: 'default', draft: 'gold', submitted: 'green' } as const;

interface Column {
  key: string;
  title: Parameters<Translate>[0];
  width: string;
  sort?: RecordingSortField;
  align?: 'right';
  render(r: RecordingListItem, t: Translate): ReactNode;
}

const columns: Column[] = [
  {
    key: 'startedAt',
    title: 'lib.col.startedAt',
    width: '152px',
    sort: 'startedAt',
    render: (r) => formatStartedAt(r.startedAt),
  },
  {
    key: 'agent',
    title: 'lib.col.agent',
    width: 'minmax(96px, 1fr)',
    sort: 'agentNo',
    render: (r) => (r.agentNo ? `${r.agentName ?? ''} ${r.agentNo}`.trim() : '—'),
  },
  { key: 'team', title: 'lib.col.team', width: '56px', render: (r) => r.teamName ?? '—' },
  { key: 'category', title: 'lib.col.category', width: '76px', sort: 'category', render: (r) => r.category ?? '—' },
  {
    key: 'duration',
    title: 'lib.col.duration',
    width: '56px',
    sort: 'durationMs',
    align: 'right',
    render: (r) => formatDuration(r.durationMs),
  },
  { key: 'caller', title: 'lib.col.caller', width: '112px', render: (r) => r.callerNumberMasked ?? '—' },
  {
    key: 'talkOver',
    title: 'lib.col.talkOver',
    width: '64px',
    sort: 'talkOverCount',
    align: 'right',
    render: (r, t) =>
      r.talkOverCount ? (
        <Tooltip title={t('lib.talkOver.tip', { total: r.talkOverCount, agent: r.agentTalkOverCount ?? 0 })}>
          <Tag color={r.agentTalkOverCount ? 'red' : 'orange'}>{r.talkOverCount}</Tag>
        </Tooltip>
      ) : r.channels > 1 ? (
        '0'
      ) : (
        '—'
      ),
  },
  {
    key: 'format',
    title: 'lib.col.format',
    width: '132px',
    // A chat or a store visit has no audio format: its channel says what it is.
    render: (r, t) =>
      r.channel !== 'phone' ? (
        <Tag color={r.channel === 'chat' ? 'blue' : 'purple'} data-channel={r.channel}>
          {t(`ch.channel.${r.channel}`)}
        </Tag>
      ) : (
        `${codecLabel(r.codec, (bits) => t('lib.bits', { bits }))} · ${r.channels > 1 ? t('lib.stereo') : t('lib.mono')}`
      ),
  },
  {
    key: 'status',
    title: 'lib.col.status',
    width: '72px',
    render: (r, t) => <Tag color={statusColor[r.evaluationStatus]}>{t(`lib.status.${r.evaluationStatus}`)}</Tag>,
  },
  {
    key: 'fileName',
    title: 'lib.col.fileName',
    width: 'minmax(104px, 2fr)',
    sort: 'fileName',
    render: (r) => <span title={r.fileName}>{r.fileName}</span>,
  },
];

const template = `32px ${columns.map((c) => c.width).join(' ')} 64px`;

export function openRecording(id: string, channel: RecordingListItem['channel'] = 'phone'): void {
  if (channel !== 'phone') markNoAudio(id);
  // The peaks and the audio load while the app switches pages.
  prepareRecording(id);
  window.location.hash = `#/evaluate/${encodeURIComponent(id)}`;
}

/**
 * The recordings as a virtualised grid: only the rows in view exist in the DOM, and only the pages of 100 rows
 * that scroll into view are fetched, so 100 000 recordings scroll like 100.
 */
export function RecordingTable() {
  const t = useT();
  const { total, pages, sort, order, selected, sortBy, select, ensurePages, checked, toggleChecked } = useLibrary();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // The sticky header sits inside the scroll area, above the first row.
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (count > 0) ensurePages(first, last);
  }, [first, last, count, pages, ensurePages]);

  const move = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    select(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const view = (scrollRef.current?.clientHeight ?? rowHeight) - headerHeight;
    const visibleRows = Math.max(1, Math.floor(view / rowHeight) - 1);
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: visibleRows,
      PageUp: -visibleRows,
      Home: -count,
      End: count,
    };
    if (event.key in step) {
      event.preventDefault();
      move(selected + step[event.key]);
    } else if (event.key === ' ') {
      // Space ticks the selected row for a bulk assignment.
      const row = rowAt(pages, selected);
      if (row) {
        event.preventDefault();
        toggleChecked(row.id);
      }
    } else if (event.key === 'Enter') {
      const row = rowAt(pages, selected);
      if (row) {
        event.preventDefault();
        openRecording(row.id, row.channel);
      }
    }
  };

  const selectedRow = rowAt(pages, selected);
  return (
    <div
      ref={scrollRef}
      className="lib-grid"
      role="grid"
      data-testid="library-grid"
      aria-rowcount={count + 1}
      aria-colcount={columns.length + 2}
      aria-activedescendant={selectedRow ? `lib-row-${selected}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="lib-body" style={{ height: virtualizer.getTotalSize() }}>
        <div className="lib-row lib-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          <div role="columnheader" className="lib-cell" aria-label={t('lib.check.column')} />
          {columns.map((c) => (
            <div
              key={c.key}
              role="columnheader"
              className={`lib-cell${c.align ? ' lib-right' : ''}${c.sort ? ' lib-sortable' : ''}`}
              aria-sort={c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
              data-sort-key={c.sort}
              onClick={c.sort ? () => sortBy(c.sort!) : undefined}
            >
              {t(c.title)}
              {c.sort === sort && (order === 'asc' ? <CaretUpOutlined /> : <CaretDownOutlined />)}
            </div>
          ))}
          <div role="columnheader" className="lib-cell" />
        </div>
        {items.map((item) => {
          const row = rowAt(pages, item.index);
          return (
            <div
              key={item.key}
              id={`lib-row-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={item.index === selected}
              data-recording-id={row?.id}
              className={`lib-row${item.index === selected ? ' lib-selected' : ''}`}
              style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start}px)` }}
              onClick={() => select(item.index)}
              // A press on the selected row is most likely the start of a double-click: the call starts loading.
              onMouseDown={() => row && item.index === selected && row.channel === 'phone' && prepareRecording(row.id)}
              onDoubleClick={() => row && openRecording(row.id, row.channel)}
            >
              {row ? (
                <>
                  <div role="gridcell" className="lib-cell lib-check">
                    <input
                      type="checkbox"
                      tabIndex={-1}
                      checked={checked.has(row.id)}
                      aria-label={t('lib.check.row', { file: row.fileName })}
                      onClick={(e) => e.stopPropagation()}
                      onChange={() => toggleChecked(row.id)}
                    />
                  </div>
                  {columns.map((c) => (
                    <div key={c.key} role="gridcell" className={`lib-cell${c.align ? ' lib-right' : ''}`}>
                      {c.render(row, t)}
                    </div>
                  ))}
                  <div role="gridcell" className="lib-cell">
                    <Button
                      size="small"
                      type="link"
                      tabIndex={-1}
                      onMouseDown={() => row.channel === 'phone' && prepareRecording(row.id)}
                      onClick={() => openRecording(row.id, row.channel)}
                    >
                      {t('lib.open')}
                    </Button>
                  </div>
                </>
              ) : (
                <div role="gridcell" className="lib-cell lib-placeholder" />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
