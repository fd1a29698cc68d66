import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Space, Tag, Typography } from 'antd';
import { memo, useMemo } from 'react';
import type { Annotation } from '../../../shared/contracts/evaluations';
import { useT } from '../../i18n';
import { errorText } from '../../shell/errors';
import { flatItems, useEvaluate } from '../evaluate/store';
import { useNotes } from './store';
import { formatClock } from './clock';
import { VirtualRows } from './VirtualRows';

const span = (startMs: number, endMs: number | null) =>
  endMs !== null && endMs > startMs
    ? `${formatClock(startMs / 1000, true)}–${formatClock(endMs / 1000, true)}`
    : formatClock(startMs / 1000, true);

function DraftEditor({ items }: { items: { value: string; label: string }[] }) {
  const t = useT();
  const { message } = App.useApp();
  const { draft, saving, updateDraft, cancelDraft, saveDraft } = useNotes();
  if (!draft) return null;
  const save = () =>
    void saveDraft().catch((e: unknown) => message.error(t('pl.note.saveFailed', { error: errorText(t, e) })));
  return (
    <div className="qa-player-draft" data-testid="note-draft">
      <Typography.Text code>{span(draft.startMs, draft.endMs)}</Typography.Text>
      <Input.TextArea
        autoFocus
        autoSize={{ minRows: 2, maxRows: 5 }}
        maxLength={2000}
        value={draft.text}
        placeholder={t('pl.note.placeholder')}
        aria-label={t('pl.notes')}
        data-testid="note-text"
        onChange={(e) => updateDraft({ text: e.target.value })}
        onKeyDown={(e) => {
          // Handled here (and marked) so the scorecard's Ctrl+Enter submit and Esc do not also act.
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            cancelDraft();
          }
        }}
      />
      <Space wrap>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          size="small"
          style={{ minWidth: 200 }}
          placeholder={t('pl.note.item')}
          aria-label={t('pl.note.item')}
          data-testid="note-item"
          value={draft.itemId ?? undefined}
          options={items}
          onChange={(v?: string) => updateDraft({ itemId: v ?? null })}
        />
        <Button type="primary" size="small" loading={saving} disabled={!draft.text.trim()} onClick={save}>
          {t('pl.note.save')}
        </Button>
        <Button size="small" onClick={cancelDraft}>
          {t('pl.note.cancel')}
        </Button>
      </Space>
    </div>
  );
}

/** The notes beside the player: the open draft, then every note in time order; a click replays its span. */
export const NotesPanel = memo(function NotesPanel({ onReplay }: { onReplay(note: Annotation): void }) {
  const t = useT();
  const def = useEvaluate((s) => s.def);
  const { notes, selected, edit, remove } = useNotes();
  const items = useMemo(() => flatItems(def).map((i) => ({ value: i.id, label: i.name })), [def]);
  const names = useMemo(() => new Map(items.map((i) => [i.value, i.label])), [items]);
  const { modal } = App.useApp();
  const confirmDelete = (n: Annotation) =>
    modal.confirm({ title: t('pl.note.deleteConfirm'), content: n.text, onOk: () => remove(n.id) });
  return (
    <div className="qa-player-notes">
      <DraftEditor items={items} />
      <VirtualRows
        items={notes}
        rowHeight={52}
        testId="player-notes"
        empty={<Typography.Text type="secondary">{t('pl.notes.empty')}</Typography.Text>}
        render={(n) => (
          <div
            className={`qa-player-row qa-player-note${n.id === selected ? ' qa-player-row-selected' : ''}`}
            data-note-id={n.id}
            role="button"
            tabIndex={0}
            onClick={() => onReplay(n)}
            onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && onReplay(n)}
          >
            <div className="qa-player-note-body">
              <Space size={4} wrap>
                <Typography.Text code>{span(n.startMs, n.endMs)}</Typography.Text>
                {n.itemId && (
                  <Tag color="blue" data-item-id={n.itemId}>
                    {names.get(n.itemId) ?? n.itemId}
                  </Tag>
                )}
              </Space>
              <Typography.Text className="qa-note-text">{n.text}</Typography.Text>
            </div>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('pl.note.edit')}
              onClick={(e) => {
                e.stopPropagation();
                edit(n);
              }}
            />
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('pl.note.delete')}
              onClick={(e) => {
                e.stopPropagation();
                confirmDelete(n);
              }}
            />
          </div>
        )}
      />
    </div>
  );
});
