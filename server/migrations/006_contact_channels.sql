-- Other channels (issue 20 item 4): each revision says what was scored, a phone call, an online chat or a store
-- visit (body.call.channel, absent = phone), so reports filter and split by channel with plain SQL.
ALTER TABLE evaluation_revisions ADD COLUMN channel TEXT NOT NULL DEFAULT 'phone'
  CHECK (channel IN ('phone', 'chat', 'store'));
ALTER TABLE evaluation_latest ADD COLUMN channel TEXT NOT NULL DEFAULT 'phone'
  CHECK (channel IN ('phone', 'chat', 'store'));
CREATE INDEX evaluation_latest_channel_day ON evaluation_latest (channel, call_day);
