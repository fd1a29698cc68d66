import { Button, Empty, Input, List, Modal, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { NarrativeQuote, QuoteCandidate } from '../../../../shared/narrative';
import { useT } from '../../../i18n';
import { useReport } from '../useReport';

/** The quote as the narrative keeps it: the words and where they came from, without the picker's extras. */
export function toQuote(q: QuoteCandidate): NarrativeQuote {
  return {
    evaluationId: q.evaluationId,
    itemId: q.itemId,
    itemName: q.itemName,
    text: q.text,
    agentNo: q.agentNo,
    agentName: q.agentName,
    day: q.day,
  };
}

const sameQuote = (a: NarrativeQuote, b: NarrativeQuote) =>
  a.evaluationId === b.evaluationId && a.itemId === b.itemId && a.text === b.text;

/**
 * The inspectors' comments of the team's month to quote under a section: that section's item comments first, then
 * the overall comments and the other sections', searchable by words, agent or item.
 */
export function QuotePicker({
  team,
  month,
  section,
  chosen,
  onPick,
  onClose,
}: {
  team: string;
  month: string;
  section: { id: string; name: string };
  chosen: NarrativeQuote[];
  onPick: (quote: NarrativeQuote) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const { data, loading } = useReport('narratives.quotes', { team, month });
  const list = useMemo(() => {
    const all = data?.quotes ?? [];
    const words = search.trim().toLowerCase();
    const rank = (q: QuoteCandidate) => (q.sectionId === section.id ? 0 : q.sectionId === null ? 1 : 2);
    return all
      .filter((q) => !words || `${q.text} ${q.agentName} ${q.agentNo} ${q.itemName}`.toLowerCase().includes(words))
      .sort((a, b) => rank(a) - rank(b) || a.day.localeCompare(b.day));
  }, [data, search, section.id]);
  return (
    <Modal
      open
      title={t('narrative.quotePicker.title', { section: section.name })}
      onCancel={onClose}
      footer={null}
      width={760}
    >
      <Input.Search
        aria-label={t('narrative.quotePicker.search')}
        placeholder={t('narrative.quotePicker.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        allowClear
      />
      <List<QuoteCandidate>
        className="narrative-picker"
        loading={loading}
        locale={{ emptyText: <Empty description={t('narrative.quotePicker.none')} /> }}
        dataSource={list}
        pagination={{ pageSize: 8, showSizeChanger: false, size: 'small' }}
        renderItem={(q) => {
          const quote = toQuote(q);
          const added = chosen.some((c) => sameQuote(c, quote));
          return (
            <List.Item
              actions={[
                <Button
                  key="add"
                  size="small"
                  disabled={added}
                  aria-label={`${added ? t('narrative.quotePicker.added') : t('narrative.quotePicker.add')}：${q.text}`}
                  onClick={() => onPick(quote)}
                >
                  {added ? t('narrative.quotePicker.added') : t('narrative.quotePicker.add')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={<span>“{q.text}”</span>}
                description={
                  <Typography.Text type="secondary">
                    {q.agentName} {q.day}{' '}
                    <Tag>{q.itemId ? `${q.sectionName} · ${q.itemName}` : t('narrative.quotePicker.overall')}</Tag>
                  </Typography.Text>
                }
              />
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}
