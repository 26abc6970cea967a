import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CALL_EVENTS } from '../programmes/call-workflow.js';
import {
  AUDIT_ACTION_CODES,
  AUDIT_ACTIONS,
  AUDIT_CONTEXT_LABELS,
  auditActionGroups,
  auditActionLabel,
  auditEntityLabel,
  auditFieldLabel,
  auditValueLabel,
} from './catalogue.js';
import { anchorHash, compareAnchorCopies, GENESIS_HASH, type PublishedAnchor } from './hash-chain.js';

const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

describe('audit catalogue (issue 15 item 19)', () => {
  it('labels every action in Chinese and puts each in exactly one context group', () => {
    for (const a of AUDIT_ACTION_CODES) expect(AUDIT_ACTIONS[a].label).toMatch(/[\u4e00-\u9fff]/);
    const grouped = auditActionGroups().flatMap((g) => g.actions.map((x) => x.value));
    expect([...grouped].sort()).toEqual([...AUDIT_ACTION_CODES].sort());
    expect(auditActionGroups().map((g) => g.label)).toEqual(Object.values(AUDIT_CONTEXT_LABELS));
  });

  it('derives the call workflow actions from the workflow table', () => {
    for (const e of CALL_EVENTS) expect(AUDIT_ACTION_CODES).toContain(`call.${e}`);
    expect(auditActionLabel('call.publish')).toBe('发布申报指南');
  });

  it('reads the examples of the issue in Chinese', () => {
    expect(auditActionLabel('monitoring.report.accept')).toBe('采纳指标月报');
    expect(auditEntityLabel('monitoring_report')).toBe('指标月报');
    expect(auditFieldLabel('state')).toBe('状态');
    expect(auditValueLabel('state', 'submitted')).toBe('待审核');
    expect(auditValueLabel('state', 'returned')).toBe('已退回');
    expect(auditValueLabel('roles', ['officer', 'leader'])).toBe('科技局经办人、领导');
    expect(auditFieldLabel('minLength')).toBe('密码最小长度');
  });

  it('falls back to the code for what an older release recorded', () => {
    expect(auditActionLabel('legacy.thing')).toBe('legacy.thing');
    expect(auditEntityLabel('legacy')).toBe('legacy');
    expect(auditValueLabel('state', 'weird')).toBeUndefined();
    expect(auditValueLabel('note', 'x')).toBeUndefined();
  });
});

describe('compareAnchorCopies: what an outsider checks with saved copies of the public anchors', () => {
  const make = (prev: string, at: string, seq: number): PublishedAnchor => {
    const heads = [{ chain: 0, seq, hash: sha256(`e${seq}`) }];
    return { createdAt: at, prevHash: prev, heads, hash: anchorHash(prev, heads, at, sha256) };
  };
  const a1 = make(GENESIS_HASH, '2026-12-01T00:00:00.000Z', 1);
  const a2 = make(a1.hash, '2026-12-01T00:05:00.000Z', 2);
  const a3 = make(a2.hash, '2026-12-01T00:10:00.000Z', 3);

  it('accepts an unchanged list that grew', () => {
    expect(compareAnchorCopies([a1, a2], [a3, a2, a1], sha256)).toEqual([]);
  });

  it('detects a deleted or rewritten anchor', () => {
    expect(compareAnchorCopies([a1, a2], [a3, a1], sha256).join()).toMatch(/锚点链断开|不再公开/);
    const forged = make(GENESIS_HASH, a1.createdAt, 7); // a rewritten trail re-anchored from scratch
    const problems = compareAnchorCopies([a1], [forged], sha256);
    expect(problems.join()).toContain('不再公开');
  });

  it('detects an anchor whose hash does not match its content', () => {
    expect(compareAnchorCopies([], [{ ...a1, heads: [{ chain: 0, seq: 9, hash: a1.heads[0]!.hash }] }], sha256).join()).toContain('哈希与其内容不符');
  });
});
