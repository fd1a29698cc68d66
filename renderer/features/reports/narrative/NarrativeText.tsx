import { Button, Descriptions, Empty, Typography } from 'antd';
import type { NarrativeQuote, NarrativeView } from '../../../../shared/narrative';
import { isEmptyNarrative } from '../../../../shared/narrative';
import { useI18n, useT } from '../../../i18n';
import { instant } from '../evaluation/format';
import { evaluationHash } from '../evaluation/route';

/** A quote as the report prints it: the inspector's words, then whose call, when, and on which item. */
export function QuoteLine({ quote, print = false }: { quote: NarrativeQuote; print?: boolean }) {
  const t = useT();
  const source = `${quote.agentName || quote.agentNo} ${quote.day}${quote.itemName ? ` · ${quote.itemName}` : ''}`;
  return (
    <span className="narrative-quote">
      “{quote.text}”<Typography.Text type="secondary">（{source}）</Typography.Text>
      {!print && (
        <Button
          type="link"
          size="small"
          aria-label={`${t('narrative.openQuote')}：${quote.text}`}
          onClick={() => (window.location.hash = evaluationHash(quote.evaluationId))}
        >
          {t('narrative.openQuote')}
        </Button>
      )}
    </span>
  );
}

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p, i) => <Typography.Paragraph key={i}>{p}</Typography.Paragraph>);

/** A narrative as text: on paper, and for readers who may not write it (head office, the site, another lead). */
export function NarrativeText({ view, print = false }: { view: NarrativeView; print?: boolean }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  if (isEmptyNarrative(view.body)) return <Empty description={t('narrative.empty')} />;
  const b = view.body;
  const items = [
    ...b.sections
      .filter((s) => s.problems.trim() || s.quotes.length)
      .map((s) => ({
        key: s.sectionId,
        label: t('narrative.problems', { section: s.name }),
        children: (
          <div>
            {paragraphs(s.problems)}
            {s.quotes.length > 0 && (
              <ul className="narrative-quotes">
                {s.quotes.map((q, i) => (
                  <li key={i}>
                    <QuoteLine quote={q} print={print} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      })),
    ...(
      [
        ['training', 'narrative.training'],
        ['measures', 'narrative.measures'],
        ['nextFocus', 'narrative.nextFocus'],
      ] as const
    )
      .filter(([field]) => b[field].trim())
      .map(([field, label]) => ({ key: field, label: t(label), children: <div>{paragraphs(b[field])}</div> })),
  ];
  if (b.focusItemIds.length) {
    items.push({ key: 'focus', label: t('narrative.focusItems', { count: b.focusItemIds.length }), children: <div /> });
  }
  return (
    <div data-testid={`narrative-text-${view.teamId}`}>
      <Descriptions size="small" column={1} bordered items={items} />
      {view.updatedAt && (
        <Typography.Text type="secondary" className="narrative-meta">
          {view.authorName
            ? t('narrative.readOnly', { author: view.authorName, time: instant(view.updatedAt, language) })
            : t('narrative.writtenAt', { time: instant(view.updatedAt, language) })}
        </Typography.Text>
      )}
    </div>
  );
}
