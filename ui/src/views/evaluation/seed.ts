/**
 * 抽查复核的随机种子 as typed. Seeds are shown and typed as text (core records u64 seeds that do
 * not fit a JavaScript number); `DrawInput.seed` is a JSON number, so a typed seed must stay
 * within 2^53 − 1 to be sent exactly.
 */
export type SeedResult = { ok: true; value: number | null } | { ok: false; error: string }

export function parseSeed(text: string): SeedResult {
  const t = text.trim()
  if (t === '') return { ok: true, value: null }
  if (!/^\d+$/.test(t)) return { ok: false, error: '随机种子请填写非负整数，或留空由系统随机生成并记录' }
  if (BigInt(t) > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, error: `随机种子最大为 ${Number.MAX_SAFE_INTEGER}，请换一个较小的数或留空` }
  }
  return { ok: true, value: Number(t) }
}
