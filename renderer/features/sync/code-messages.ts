import type { ErrorCode } from '../../../shared/errors';
import type { RejectionCode, UserRole } from '../../../shared/sync';
import { byCode, defineMessages } from '../../i18n/define';
import type { SyncFailureCode } from './failures';

const zhRoles: Record<UserRole, string> = { inspector: '质检员', lead: '班组长', site: '分公司', head_office: '总部' };
const enRoles: Record<UserRole, string> = {
  inspector: 'Inspector',
  lead: 'Team lead',
  site: 'Site',
  head_office: 'Head office',
};

/** Why head office refused a revision (shared/sync.ts rejectionCodes), in the inspector's words. */
const zhRejections: Record<RejectionCode | 'unknown', string> = {
  card_not_published: '总部尚未发布这张评分表（本机所用的评分表版本在总部不存在）',
  agent_not_in_roster: '坐席工号不在总部的坐席名单中',
  card_differs: '本机评分表与总部发布的同一版本内容不一致',
  score_mismatch: '总部按评分表重新计算的得分与本机不一致',
  hash_mismatch: '上传内容未通过校验（内容与校验值不符）',
  revision_conflict: '该版本已以不同内容上传过，已上传的版本不能覆盖',
  revision_gap: '总部尚未收到这条评分的前一版本',
  inspector_mismatch: '评分上的质检员与本机令牌的质检员不一致',
  not_owner: '这条评分属于其他质检员',
  invalid: '评分内容不完整或格式不正确',
  unknown: '总部拒收（原因未注明）',
};
const enRejections: Record<RejectionCode | 'unknown', string> = {
  card_not_published: 'Head office has not published this scorecard (its version does not exist there)',
  agent_not_in_roster: 'The agent number is not on head office’s roster',
  card_differs: 'This app’s scorecard differs from the one head office published under the same version',
  score_mismatch: 'Head office recomputed a different score from the answers',
  hash_mismatch: 'The upload failed its integrity check',
  revision_conflict: 'This revision was already received with different content; revisions are never overwritten',
  revision_gap: 'Head office has not received the previous revision yet',
  inspector_mismatch: 'The inspector on the evaluation is not the one this device’s token belongs to',
  not_owner: 'This evaluation belongs to another inspector',
  invalid: 'The evaluation is incomplete or malformed',
  unknown: 'Refused by head office (no reason given)',
};

/** What went wrong in a sync run (sync.status lastErrorCode, history errorCode). */
const zhFailures: Record<SyncFailureCode, string> = {
  unreachable: '无法连接总部服务器（网络不通或服务器未运行），联网后自动重试',
  timeout: '总部服务器响应超时，稍后自动重试',
  unreadable: '总部服务器的应答不完整，稍后自动重试',
  incompatible_answer: '无法识别总部服务器的应答（版本可能不一致），稍后自动重试',
  server_error: '总部服务器内部出错，稍后自动重试',
  refused: '总部服务器拒绝了请求',
  protocol_mismatch: '本应用与总部服务器版本不兼容，请更新应用',
  unauthorized: '设备令牌无效或已被吊销，请向总部申请新令牌后重新填写',
  forbidden: '没有执行此操作的权限',
  rate_limited: '请求过于频繁，稍后自动重试',
  bad_request: '总部服务器认为请求格式不正确',
  invalid_body: '总部服务器认为上传内容格式不正确',
  body_too_large: '上传内容过大',
  not_found: '服务器上没有同步服务（服务器地址可能有误）',
  method_not_allowed: '服务器不接受此请求（服务器地址可能有误）',
  unsupported_media_type: '服务器不接受此请求（服务器地址可能有误）',
  internal: '本机同步出错（详情已记入日志）',
  note: '提示：总部数据与本机有差异，已保留本机数据',
  app_conflict: '尚未设置同步，或令牌需要重新填写',
  app_unavailable: '暂时无法同步，稍后自动重试',
  other: '同步失败',
};
const enFailures: Record<SyncFailureCode, string> = {
  unreachable: 'Cannot reach the head-office server (no network or server down); retried once connected',
  timeout: 'The head-office server timed out; retried shortly',
  unreadable: 'The head-office server’s answer was cut off; retried shortly',
  incompatible_answer: 'The head-office server’s answer is not understood (versions may differ); retried shortly',
  server_error: 'The head-office server failed; retried shortly',
  refused: 'The head-office server refused the request',
  protocol_mismatch: 'This app and the head-office server are not compatible: update the app',
  unauthorized: 'The device token is invalid or revoked: ask head office for a new one',
  forbidden: 'Not allowed',
  rate_limited: 'Too many requests; retried shortly',
  bad_request: 'The head-office server found the request malformed',
  invalid_body: 'The head-office server found the upload malformed',
  body_too_large: 'The upload is too large',
  not_found: 'No sync service at this address (is the server address right?)',
  method_not_allowed: 'The server does not accept this request (is the server address right?)',
  unsupported_media_type: 'The server does not accept this request (is the server address right?)',
  internal: 'Sync failed inside this app (details are in the log)',
  note: 'Note: head office’s data differs from this app’s; this app’s was kept',
  app_conflict: 'Sync is not set up, or the token must be entered again',
  app_unavailable: 'Sync is not possible right now; retried shortly',
  other: 'Sync failed',
};

/** A call of the page itself failed (sync.now, sync.configure, sync.resend). */
const zhCall: Record<ErrorCode, string> = {
  invalid_input: '填写的内容不正确，请检查服务器地址和令牌。',
  unknown_method: '应用版本不一致，请重新启动应用。',
  not_found: '找不到这条评分。',
  conflict: '同步未能完成，原因见“最近错误”。',
  unauthorized: '设备令牌无效或已被吊销。',
  forbidden: '没有执行此操作的权限。',
  unavailable: '暂时无法连接总部服务器，联网后会自动重试。',
  internal: '同步出错（详情已记入日志）。',
};
const enCall: Record<ErrorCode, string> = {
  invalid_input: 'Check the server address and token.',
  unknown_method: 'This page and the app core differ in version: restart the app.',
  not_found: 'That evaluation was not found.',
  conflict: 'The sync did not complete; see “Last error”.',
  unauthorized: 'The device token is invalid or revoked.',
  forbidden: 'Not allowed.',
  unavailable: 'The head-office server cannot be reached; retried once connected.',
  internal: 'Sync failed (details are in the log).',
};

export const syncCodeMessages = defineMessages(
  {
    ...byCode('sync.role', zhRoles),
    ...byCode('sync.reject', zhRejections),
    ...byCode('sync.error', zhFailures),
    ...byCode('sync.callError', zhCall),
    'sync.fixBy.head_office': '需总部处理：总部发布评分表/更新名单后将自动重新发送',
    'sync.fixBy.inspector': '需质检员处理：按原因修改评分（重新评分产生新版本）或联系总部后，点“重新发送”',
  },
  {
    ...byCode('sync.role', enRoles),
    ...byCode('sync.reject', enRejections),
    ...byCode('sync.error', enFailures),
    ...byCode('sync.callError', enCall),
    'sync.fixBy.head_office':
      'Head office must act: it is sent again by itself once head office publishes the scorecard or updates the roster',
    'sync.fixBy.inspector':
      'The inspector must act: fix the evaluation as the reason says (re-scoring makes a new revision) or talk to head office, then “Send again”',
  },
);
