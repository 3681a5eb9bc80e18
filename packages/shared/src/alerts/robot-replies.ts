/**
 * What a WeCom (企业微信) or DingTalk (钉钉) group robot's answer means for delivery. Robots answer
 * HTTP 200 with `{errcode, errmsg}`: 0 is delivered; a rate-limit code means "too many, wait"
 * (not a failure of the message, so it spends no retry); a code saying the robot, its key or its
 * security settings are wrong will not change by retrying and needs a person, so the message
 * goes to the dead letter at once and the channel is marked 故障 with what to fix; any other
 * code is retried as a transient failure.
 */
import type { RobotKind } from './rate-limit.js';

export type RobotVerdict =
  | { kind: 'ok' }
  /** Over the vendor's rate: pause the channel for the vendor's window, spend no attempt. */
  | { kind: 'rate_limited'; code: number }
  /** Needs a person: dead-letter now and mark the channel 故障 with `explanation`. */
  | { kind: 'permanent'; code: number; explanation: string }
  | { kind: 'failed'; code: number };

/** DingTalk: 130101 "send too fast, exceed 20 times per minute" (then blocked for 10 minutes). */
const DINGTALK_RATE_LIMITED = new Set([130101, 410100]);
/** WeCom: 45009 "api freq out of limit" (20 messages a minute per robot). */
const WECOM_RATE_LIMITED = new Set([45009]);

const DINGTALK_PERMANENT: ReadonlyMap<number, string> = new Map([
  [310000, '钉钉机器人安全设置校验失败：关键词、加签或IP白名单（消息须含机器人的自定义关键词，加签密钥须与机器人一致，服务器出口IP须在白名单内）'],
  [300001, '钉钉机器人的 access_token 无效或不存在：请在群设置中重新复制机器人的 Webhook 地址'],
  [300005, '钉钉机器人的 access_token 无效或不存在：请在群设置中重新复制机器人的 Webhook 地址'],
  [400101, '钉钉机器人的 access_token 无效或不存在：请在群设置中重新复制机器人的 Webhook 地址'],
  [400102, '钉钉机器人已被停用：请在群设置的智能群助手中重新启用'],
  [400106, '钉钉机器人不存在（可能已被移出群）：请重新添加机器人并更新 Webhook 地址'],
  [400013, '钉钉群已解散或机器人已不在群内：请重新添加机器人并更新 Webhook 地址'],
]);

const WECOM_PERMANENT: ReadonlyMap<number, string> = new Map([
  [93000, '企业微信机器人的 Webhook 地址无效（key 错误或机器人已被删除）：请在群设置中重新复制机器人的 Webhook 地址'],
  [93004, '企业微信机器人已被停用：请在群机器人设置中重新启用'],
  [93008, '企业微信机器人已不在群内：请重新添加机器人并更新 Webhook 地址'],
]);

/** Reads a robot's `{errcode, errmsg}` answer (already parsed) for the given vendor. */
export function robotReplyVerdict(kind: RobotKind, reply: { errcode?: unknown }): RobotVerdict {
  const code = typeof reply.errcode === 'number' ? reply.errcode : reply.errcode === undefined ? 0 : Number(reply.errcode);
  if (code === 0) return { kind: 'ok' };
  if (!Number.isFinite(code)) return { kind: 'failed', code: -1 };
  if ((kind === 'dingtalk' ? DINGTALK_RATE_LIMITED : WECOM_RATE_LIMITED).has(code)) return { kind: 'rate_limited', code };
  const explanation = (kind === 'dingtalk' ? DINGTALK_PERMANENT : WECOM_PERMANENT).get(code);
  return explanation ? { kind: 'permanent', code, explanation } : { kind: 'failed', code };
}
