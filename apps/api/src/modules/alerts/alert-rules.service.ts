import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { mergeAlertRule, normalizeAlertRule, validateAlertRule, type AlertRule, type AlertRuleView, type RuleIssue } from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import type { Principal } from '../auth/auth.types.js';
import { AlertsRepository } from './alerts.repository.js';

function invalid(issues: RuleIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: issues.map((i) => `Invalid parameter "${i.path}": ${i.message}`).join(' | '),
    parameters: issues.map((i) => ({ parameter: i.path, problems: [i.message] })),
  });
}

/** Alert rules are data: administrators list, add, change and remove them; every write is audited. */
@Injectable()
export class AlertRulesService {
  constructor(
    @Inject(AlertsRepository) private readonly repository: AlertsRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(): Promise<AlertRuleView[]> {
    const [rows, active] = await Promise.all([this.repository.findRules(), this.repository.activeAlertCounts()]);
    return rows.map((row) => ({
      ...normalizeAlertRule(row),
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      activeAlerts: active.get(String(row.code)) ?? 0,
    }));
  }

  async get(code: string): Promise<AlertRuleView> {
    const rule = (await this.list()).find((r) => r.code === code);
    if (!rule) throw new NotFoundException(`预警规则"${code}"不存在`);
    return rule;
  }

  async create(input: unknown, principal: Principal): Promise<AlertRuleView> {
    const rule = await this.validate(input);
    if (await this.repository.findRule(rule.code)) throw new ConflictException(`预警规则"${rule.code}"已存在`);
    await this.repository.insertRule(rule, { userId: principal.userId, action: 'alert_rule_created', entity: 'alert_rule', entityId: rule.code, after: rule });
    return this.get(rule.code);
  }

  async update(code: string, patch: Record<string, unknown>, principal: Principal): Promise<AlertRuleView> {
    const row = await this.repository.findRule(code);
    if (!row) throw new NotFoundException(`预警规则"${code}"不存在`);
    const stored = normalizeAlertRule(row);
    const rule = await this.validate(mergeAlertRule(stored, patch as Parameters<typeof mergeAlertRule>[1]));
    await this.repository.updateRule(rule, { userId: principal.userId, action: 'alert_rule_updated', entity: 'alert_rule', entityId: code, before: stored, after: rule }, this.clock.now());
    return this.get(code);
  }

  async remove(code: string, principal: Principal): Promise<void> {
    const row = await this.repository.findRule(code);
    if (!row) throw new NotFoundException(`预警规则"${code}"不存在`);
    await this.repository.deleteRule(code, { userId: principal.userId, action: 'alert_rule_deleted', entity: 'alert_rule', entityId: code, before: normalizeAlertRule(row) });
  }

  /** Shape and values (shared schema), then every code in the scope against the catalogue. */
  private async validate(input: unknown): Promise<AlertRule> {
    const result = validateAlertRule(input);
    if (!result.ok) throw invalid(result.issues);
    const catalog = await this.repository.catalog();
    const known = { chains: catalog.chains, indicators: catalog.indicators, regions: catalog.regions, departments: catalog.departments } as const;
    const issues: RuleIssue[] = [];
    for (const field of ['chains', 'indicators', 'regions', 'departments'] as const) {
      result.rule.scope[field].forEach((code, i) => {
        if (!known[field].has(code)) issues.push({ path: `scope.${field}.${i}`, message: `unknown ${field.slice(0, -1)} "${code}"` });
      });
    }
    if (issues.length > 0) throw invalid(issues);
    return result.rule;
  }
}
