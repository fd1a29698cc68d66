import { Button, Card, Empty, Form, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChatMessage, ChatTranscript as Transcript } from '../../../shared/channels';
import type { Annotation } from '../../../shared/contracts/evaluations';
import { call } from '../../api';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../shell/errors';
import { flatItems, useEvaluate } from '../evaluate/store';
import { formatDuration } from '../player/clock';
import './channels.css';

function NoteForm({
  message,
  onSave,
  onCancel,
}: {
  message: ChatMessage;
  onSave: (itemId: string | null, text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const def = useEvaluate((s) => s.def);
  const [itemId, setItemId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await onSave(itemId, text.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      layout="vertical"
      className="ch-note-form"
      aria-label={t('ch.transcript.noteFor', { n: message.seq + 1 })}
      onKeyDown={(e) => {
        // The transcript's and the scorecard's keys stay out of the note while it is typed.
        e.stopPropagation();
        if (e.key === 'Escape') onCancel();
      }}
    >
      <Form.Item label={t('ch.transcript.item')} htmlFor={`note-item-${message.seq}`}>
        <Select
          id={`note-item-${message.seq}`}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={itemId ?? undefined}
          onChange={(v?: string) => setItemId(v ?? null)}
          options={flatItems(def).map((i) => ({ value: i.id, label: i.name }))}
          data-testid="chat-note-item"
        />
      </Form.Item>
      <Form.Item label={t('ch.transcript.noteText')} htmlFor={`note-text-${message.seq}`}>
        <Input.TextArea
          id={`note-text-${message.seq}`}
          autoFocus
          rows={2}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="chat-note-text"
        />
      </Form.Item>
      <Space>
        <Button type="primary" size="small" loading={busy} onClick={() => void save()} data-testid="chat-note-save">
          {t('ch.transcript.save')}
        </Button>
        <Button size="small" onClick={onCancel}>
          {t('ch.transcript.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

/**
 * The chat beside the scorecard, where the player is for a call: each message with who sent it (a label and its side,
 * not colour alone) and when; ↑/↓ pick a message and N (or Enter) notes it, tied to a scorecard item if wished.
 * Messages lay out only when scrolled into view (content-visibility), so a long chat opens as fast as a short one.
 */
export function ChatTranscriptPanel({ recordingId, onReady }: { recordingId: string; onReady?: () => void }) {
  const t = useT();
  const def = useEvaluate((s) => s.def);
  const [transcript, setTranscript] = useState<Transcript | null>(null);
  const [notes, setNotes] = useState<Annotation[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState(0);
  const [noting, setNoting] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    let live = true;
    Promise.all([call('chats.transcript', { id: recordingId }), call('annotations.list', { recordingId })]).then(
      ([tr, an]) => {
        if (!live) return;
        setTranscript(tr);
        setNotes(an);
        onReady?.();
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [recordingId, onReady]);

  const focusMessage = useCallback((seq: number) => {
    setSelected(seq);
    listRef.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`)?.focus();
  }, []);

  if (error) return <ErrorAlert error={error} />;
  if (!transcript) return <Spin />;
  const messages = transcript.messages;
  const agentSpeaker = messages.find((m) => m.role === 'agent')?.speaker;
  const itemName = (id: string | null) => flatItems(def).find((i) => i.id === id)?.name;

  const onKey = (e: KeyboardEvent<HTMLOListElement>) => {
    if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement) return;
    const move = (to: number) => {
      e.preventDefault();
      focusMessage(Math.max(0, Math.min(messages.length - 1, to)));
    };
    if (e.key === 'ArrowDown') move(selected + 1);
    else if (e.key === 'ArrowUp') move(selected - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(messages.length - 1);
    else if (e.key === 'n' || e.key === 'N' || e.key === 'Enter') {
      e.preventDefault();
      setNoting(selected);
    }
  };

  return (
    <Card
      size="small"
      className="ch-transcript"
      title={t('ch.transcript')}
      extra={
        <Space size="small">
          <Typography.Text type="secondary">{t('ch.transcript.isAgent')}</Typography.Text>
          <Select
            size="small"
            aria-label={t('ch.transcript.isAgent')}
            style={{ minWidth: 120 }}
            value={agentSpeaker}
            onChange={(speaker: string) =>
              void call('chats.setAgentSpeaker', { id: recordingId, speaker }).then(setTranscript, setError)
            }
            options={transcript.speakers.map((s) => ({ value: s, label: s }))}
            data-testid="chat-agent-speaker"
          />
        </Space>
      }
    >
      <Typography.Text type="secondary" className="ch-hint">
        {t('ch.transcript.hint')} · {t('ch.transcript.notes', { count: notes.length })}
      </Typography.Text>
      {messages.length === 0 ? (
        <Empty />
      ) : (
        <ol
          className="ch-messages"
          ref={listRef}
          onKeyDown={onKey}
          aria-label={t('ch.transcript')}
          data-testid="chat-messages"
        >
          {messages.map((m) => {
            const own = notes.filter((n) => n.messageSeq === m.seq);
            return (
              <li
                key={m.seq}
                data-seq={m.seq}
                data-role={m.role}
                className={`ch-message ch-${m.role}${selected === m.seq ? ' ch-selected' : ''}`}
                tabIndex={selected === m.seq ? 0 : -1}
                onClick={() => setSelected(m.seq)}
                onFocus={() => setSelected(m.seq)}
              >
                <div className="ch-meta">
                  <Tag className="ch-role">{t(`ch.transcript.${m.role}`)}</Tag>
                  <span className="ch-speaker">{m.speaker}</span>
                  <span className="ch-time">{formatDuration(m.atMs)}</span>
                  <Button
                    size="small"
                    type="link"
                    className="ch-note-button"
                    onClick={() => setNoting(m.seq)}
                    aria-label={t('ch.transcript.noteFor', { n: m.seq + 1 })}
                  >
                    {t('ch.transcript.addNote')}
                  </Button>
                </div>
                <div className="ch-text">{m.text}</div>
                {own.map((n) => (
                  <div key={n.id} className="ch-note" data-testid="chat-note">
                    <strong>{t('ch.transcript.note')}</strong>
                    {n.itemId && <Tag>{itemName(n.itemId) ?? n.itemId}</Tag>}
                    <span>{n.text}</span>
                  </div>
                ))}
                {noting === m.seq && (
                  <NoteForm
                    message={m}
                    onCancel={() => {
                      setNoting(null);
                      focusMessage(m.seq);
                    }}
                    onSave={async (itemId, text) => {
                      const created = await call('annotations.create', {
                        recordingId,
                        startMs: m.atMs,
                        messageSeq: m.seq,
                        itemId,
                        text,
                      });
                      setNotes((all) => [...all, created]);
                      setNoting(null);
                      focusMessage(m.seq);
                    }}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
