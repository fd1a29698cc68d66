import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode } from '../../../../shared/errors';
import type { NarrativeBody, NarrativeSection, NarrativeSyncState, NarrativeView } from '../../../../shared/narrative';
import type { SectionInfo } from '../../../../shared/report';
import { call } from '../../../api';
import { useI18n, useT } from '../../../i18n';
import { errorCodeOf } from '../errors';
import { instant } from '../evaluation/format';
import { QuoteLine } from './NarrativeText';
import { QuotePicker } from './QuotePicker';

/** Autosave waits this long after the last keystroke, so a lead typing saves once per pause. */
const autosaveMs = 800;

/** One entry per section of the report's cards (in their order), then any the narrative has from older cards. */
function withSections(body: NarrativeBody, sections: SectionInfo[]): NarrativeBody {
  const held = new Map(body.sections.map((s) => [s.sectionId, s]));
  const ordered: NarrativeSection[] = sections.map(
    (s) => held.get(s.id) ?? { sectionId: s.id, name: s.name, problems: '', quotes: [] },
  );
  const known = new Set(sections.map((s) => s.id));
  return { ...body, sections: [...ordered, ...body.sections.filter((s) => !known.has(s.sectionId))] };
}

/** What is saved: sections with nothing written are left out. */
const stored = (body: NarrativeBody): NarrativeBody => ({
  ...body,
  sections: body.sections.filter((s) => s.problems.trim() || s.quotes.length),
});

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; code: ErrorCode };

const syncColour: Record<NarrativeSyncState, string> = {
  local: 'default',
  pending: 'gold',
  synced: 'green',
  refused: 'red',
};

/**
 * The lead's narrative for a team and month, saved by itself a moment after each change (and when the page is
 * left), then synced to head office by the core. Quotes are picked from the month's comments and keep their
 * evaluation, so each opens the call it came from.
 */
export function NarrativeEditor({ view, sections }: { view: NarrativeView; sections: SectionInfo[] }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  const [body, setBody] = useState(() => withSections(view.body, sections));
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [sync, setSync] = useState<NarrativeSyncState>(view.sync);
  const [picking, setPicking] = useState<{ id: string; name: string } | null>(null);
  const dirty = useRef(false);
  const latest = useRef(body);
  // Saves run one after another, so an older one can never land after a newer one.
  const chain = useRef<Promise<void>>(Promise.resolve());
  const { teamId: team, month } = view;

  const flush = useCallback(() => {
    if (!dirty.current) return;
    dirty.current = false;
    const next = stored(latest.current);
    chain.current = chain.current.then(async () => {
      setSave({ kind: 'saving' });
      try {
        const saved = await call('narratives.save', { team, month, body: next });
        setSync(saved.sync);
        setSave({ kind: 'saved', at: saved.updatedAt ?? new Date().toISOString() });
      } catch (error) {
        setSave({ kind: 'error', code: errorCodeOf(error) });
      }
    });
  }, [team, month]);

  useEffect(() => {
    if (!dirty.current) return;
    const timer = setTimeout(flush, autosaveMs);
    return () => clearTimeout(timer);
  }, [body, flush]);
  // Leaving the page (another tab, an evaluation opened from a quote) saves what was typed last.
  useEffect(() => flush, [flush]);

  const edit = (next: NarrativeBody) => {
    dirty.current = true;
    latest.current = next;
    setBody(next);
  };
  const editSection = (id: string, patch: Partial<NarrativeSection>) =>
    edit({ ...body, sections: body.sections.map((s) => (s.sectionId === id ? { ...s, ...patch } : s)) });

  const status =
    save.kind === 'saving'
      ? t('narrative.saving')
      : save.kind === 'saved'
        ? t('narrative.saved', { time: instant(save.at, language) })
        : save.kind === 'error'
          ? t(`narrative.error.${save.code}`)
          : null;

  return (
    <Card
      size="small"
      className="narrative-editor"
      data-testid={`narrative-editor-${team}`}
      title={t('narrative.title', { team: view.teamName })}
      extra={
        <Space>
          {status && (
            <Typography.Text type={save.kind === 'error' ? 'danger' : 'secondary'} role="status">
              {status}
            </Typography.Text>
          )}
          <Tag color={syncColour[sync]}>{t(`narrative.sync.${sync}`)}</Tag>
        </Space>
      }
    >
      <Form layout="vertical">
        {body.sections.map((s) => (
          <Form.Item key={s.sectionId} label={t('narrative.problems', { section: s.name })}>
            <Input.TextArea
              aria-label={t('narrative.problems', { section: s.name })}
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={4000}
              placeholder={t('narrative.problems.placeholder')}
              value={s.problems}
              onChange={(e) => editSection(s.sectionId, { problems: e.target.value })}
            />
            <ul className="narrative-quotes">
              {s.quotes.map((q, i) => (
                <li key={`${q.evaluationId}-${q.itemId}-${i}`}>
                  <QuoteLine quote={q} />
                  <Button
                    type="text"
                    size="small"
                    icon={<CloseOutlined />}
                    aria-label={t('narrative.removeQuote', { text: q.text })}
                    onClick={() => editSection(s.sectionId, { quotes: s.quotes.filter((_, k) => k !== i) })}
                  />
                </li>
              ))}
            </ul>
            <Button
              size="small"
              icon={<PlusOutlined />}
              disabled={s.quotes.length >= 30}
              aria-label={`${t('narrative.addQuote')}：${s.name}`}
              onClick={() => setPicking({ id: s.sectionId, name: s.name })}
            >
              {t('narrative.addQuote')}
            </Button>
          </Form.Item>
        ))}
        {(['training', 'measures', 'nextFocus'] as const).map((field) => (
          <Form.Item key={field} label={t(`narrative.${field}`)}>
            <Input.TextArea
              aria-label={t(`narrative.${field}`)}
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={4000}
              value={body[field]}
              onChange={(e) => edit({ ...body, [field]: e.target.value })}
            />
          </Form.Item>
        ))}
        {body.focusItemIds.length > 0 && (
          <Typography.Text type="secondary">
            {t('narrative.focusItems', { count: body.focusItemIds.length })}
          </Typography.Text>
        )}
      </Form>
      {picking && (
        <QuotePicker
          team={team}
          month={month}
          section={picking}
          chosen={body.sections.find((s) => s.sectionId === picking.id)?.quotes ?? []}
          onPick={(quote) => {
            const s = body.sections.find((x) => x.sectionId === picking.id);
            if (s) editSection(s.sectionId, { quotes: [...s.quotes, quote] });
          }}
          onClose={() => setPicking(null)}
        />
      )}
    </Card>
  );
}
