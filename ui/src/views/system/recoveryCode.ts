/** Shows a 系统管理员's one-time recovery code until the person confirms they wrote it down. */
import { ElMessageBox } from 'element-plus'

export async function showRecoveryCode(code: string): Promise<void> {
  await ElMessageBox.alert(
    `恢复码：${code}\n\n忘记系统管理员密码时，凭此恢复码重设密码。它只显示这一次，请抄写后妥善保管（不要存放在本电脑上）。`,
    '请抄写恢复码',
    { confirmButtonText: '我已抄写', type: 'warning', customClass: 'recovery-code-box' },
  ).catch(() => undefined)
}
