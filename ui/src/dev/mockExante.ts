/**
 * DEV-ONLY 事前评估 commands for the in-memory preview backend (see mockBackend.ts): the list,
 * score sheets, designation and figures over the mock projects, so the screens can be looked at
 * in a plain browser. Not a specification: core is.
 */
import type { ExAnteAssessment } from '../api/bindings/ExAnteAssessment'
import type { ExAnteInput } from '../api/bindings/ExAnteInput'
import type { ExAnteQuery } from '../api/bindings/ExAnteQuery'
import type { ExAnteRow } from '../api/bindings/ExAnteRow'
import type { ExAnteRules } from '../api/bindings/ExAnteRules'
import type { OrgUnit } from '../api/bindings/OrgUnit'
import type { Project } from '../api/bindings/Project'
import { fenToWanText, wanTextToFen } from '../utils/money'
import { conclusionOf, reductionOf } from '../views/exante/sheet'

interface Ctx {
  projects: Project[]
  units: OrgUnit[]
  rules: () => ExAnteRules
  version: () => number
}

export function exanteMock(ctx: Ctx): Record<string, (a: Record<string, any>) => unknown> {
  const assessments = new Map<string, ExAnteAssessment>()
  const designated = new Map<string, string>()
  const required = (p: Project) => p.new_or_continuing === '新增' && p.adjusted_budget >= ctx.rules().threshold

  function save(projectId: string, input: ExAnteInput): ExAnteAssessment {
    const p = ctx.projects.find((x) => x.id === projectId)!
    const total = input.scores.reduce((s, x) => s + x.score_cp, 0)
    const conclusion = conclusionOf(total, ctx.rules())
    const declared = wanTextToFen(input.declared_wan) ?? 0
    const approved = wanTextToFen(input.approved_wan) ?? 0
    const r = reductionOf(input.declared_wan, input.approved_wan) ?? { fen: 0, bp: 0 }
    const a: ExAnteAssessment = {
      id: `a-${projectId}`,
      project_id: projectId,
      assessor_type: input.assessor_type,
      assessor_org_id: input.assessor_org_id,
      assessor_org_name: ctx.units.find((u) => u.id === input.assessor_org_id)?.name ?? null,
      assessor_name: input.assessor_name,
      scores: input.scores,
      rule_version: ctx.version(),
      total_cp: total,
      conclusion,
      declared_fen: declared,
      approved_fen: approved,
      reduction_fen: r.fen,
      reduction_rate_bp: r.bp,
      opinion: input.opinion,
      assessed_on: input.assessed_on,
      updated_at: new Date().toISOString(),
    }
    assessments.set(projectId, a)
    p.exante_conclusion = conclusion
    return a
  }

  // Seed: most required projects assessed, in roughly 10 : 6 : 2.
  ctx.projects.filter(required).forEach((p, i) => {
    if (i % 10 === 9) return
    const band = [9400, 9150, 8600, 9600, 7800, 9050, 8200, 6400, 9300][i % 9]!
    let deficit = 10000 - band
    const scores = ctx.rules().aspects.flatMap((a) =>
      a.items.map((it) => {
        const off = Math.min(deficit, 200, it.max_cp)
        deficit -= off
        return { aspect: a.name, item: it.name, score_cp: it.max_cp - off }
      }),
    )
    const wan = fenToWanText(p.adjusted_budget)
    const cut = band >= 9000 ? wan : band >= 7000 ? fenToWanText(p.adjusted_budget - Math.floor(p.adjusted_budget / 10)) : '0'
    save(p.id, {
      scores,
      assessor_type: i % 3 === 0 ? '第三方机构' : '财政',
      assessor_org_id: i % 3 === 0 ? (ctx.units.find((u) => u.kind === '第三方机构')?.id ?? null) : null,
      assessor_name: '王芳',
      declared_wan: wan,
      approved_wan: cut,
      opinion: '项目立项依据充分，绩效目标明确。',
      assessed_on: '2024-10-20',
    })
  })

  function rows(year: number): ExAnteRow[] {
    return ctx.projects
      .filter((p) => p.fiscal_year === year && (required(p) || designated.has(p.id) || assessments.has(p.id)))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((p) => {
        const a = assessments.get(p.id)
        return {
          project_id: p.id,
          code: p.code,
          name: p.name,
          unit_id: p.unit_id,
          unit_name: p.unit_name,
          new_or_continuing: p.new_or_continuing,
          adjusted_budget: p.adjusted_budget,
          reason: required(p) ? '达到金额标准' : designated.has(p.id) ? '财政指定' : '自行评估',
          designated: designated.has(p.id),
          designation_reason: designated.get(p.id) ?? '',
          assessment: a
            ? {
                total_cp: a.total_cp,
                conclusion: a.conclusion,
                assessor_type: a.assessor_type,
                declared_fen: a.declared_fen,
                approved_fen: a.approved_fen,
                assessed_on: a.assessed_on,
              }
            : null,
        }
      })
  }

  return {
    exante_required: (a) => {
      const q = a.query as ExAnteQuery
      const all = rows(q.year)
      const isReq = (r: ExAnteRow) => r.reason !== '自行评估'
      const s = q.search?.toLowerCase() ?? null
      const hit = all.filter(
        (r) =>
          (!q.status || (q.status === '已评估') === !!r.assessment) &&
          (!q.conclusion || r.assessment?.conclusion === q.conclusion) &&
          (!s || `${r.code} ${r.name} ${r.unit_name}`.toLowerCase().includes(s)),
      )
      const start = (q.page - 1) * q.page_size
      const req = all.filter(isReq)
      return {
        total: hit.length,
        counts: {
          required: req.length,
          assessed: req.filter((r) => r.assessment).length,
          missing: req.filter((r) => !r.assessment).length,
          other_assessed: all.filter((r) => !isReq(r) && r.assessment).length,
        },
        threshold: ctx.rules().threshold,
        rows: q.page === 0 ? hit : hit.slice(start, start + q.page_size),
      }
    },
    exante_get: (a) => {
      const p = ctx.projects.find((x) => x.id === a.projectId)!
      const as = assessments.get(p.id) ?? null
      const rules = ctx.rules()
      return {
        project: p,
        required_by: required(p) ? '达到金额标准' : designated.has(p.id) ? '财政指定' : null,
        designation_reason: designated.get(p.id) ?? null,
        rule_version: ctx.version(),
        aspects: rules.aspects.map((asp) => {
          const items = asp.items.map((it) => ({
            name: it.name,
            max_cp: it.max_cp,
            score_cp: as?.scores.find((s) => s.aspect === asp.name && s.item === it.name)?.score_cp ?? null,
          }))
          return {
            name: asp.name,
            max_cp: items.reduce((s, i) => s + i.max_cp, 0),
            subtotal_cp: items.reduce((s, i) => s + (i.score_cp ?? 0), 0),
            items,
          }
        }),
        assessment: as,
        current_rule_version: ctx.version(),
        current_rules: rules,
      }
    },
    exante_save: (a) => save(a.projectId, a.input),
    exante_delete: (a) => {
      assessments.delete(a.projectId)
      const p = ctx.projects.find((x) => x.id === a.projectId)
      if (p) p.exante_conclusion = null
      return null
    },
    exante_designate: (a) => (designated.set(a.projectId, a.reason), null),
    exante_undesignate: (a) => (designated.delete(a.projectId), null),
    exante_stats: (a) => {
      const list = [...assessments.values()].filter(
        (x) => ctx.projects.find((p) => p.id === x.project_id)?.fiscal_year === a.year,
      )
      const declared = list.reduce((s, x) => s + x.declared_fen, 0)
      const approved = list.reduce((s, x) => s + x.approved_fen, 0)
      const rate = reductionOf(fenToWanText(declared), fenToWanText(approved))
      return {
        assessed: list.length,
        support: list.filter((x) => x.conclusion === '予以支持').length,
        support_after_revision: list.filter((x) => x.conclusion === '调整完善后予以支持').length,
        not_support: list.filter((x) => x.conclusion === '不予支持').length,
        declared_fen: declared,
        approved_fen: approved,
        reduction_rate_bp: rate?.bp ?? 0,
      }
    },
    exante_export: () => assessments.size,
  }
}
