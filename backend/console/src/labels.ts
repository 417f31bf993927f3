/** The Chinese names the console shows for the API's codes. */

export const STATUS: Record<string, string> = {
  REPORTED: '待受理',
  ACCEPTED: '已受理',
  DISPATCHED: '已派单',
  IN_PROGRESS: '处置中',
  RESOLVED: '待核查',
  CLOSED: '已办结',
  REJECTED: '不予受理',
  SUSPENDED: '挂起',
};

/** Map colours by status (the yellow and red cards are drawn as the marker's ring). */
export const STATUS_COLOUR: Record<string, string> = {
  REPORTED: '#1f6feb',
  ACCEPTED: '#8250df',
  DISPATCHED: '#0a7ea4',
  IN_PROGRESS: '#1a7f37',
  RESOLVED: '#57606a',
  CLOSED: '#8c959f',
  REJECTED: '#8c959f',
  SUSPENDED: '#6e7781',
};

export const ACTION: Record<string, string> = {
  REPORT: '上报',
  SELF_RESOLVE: '自行处置',
  ACCEPT: '受理',
  REJECT: '不予受理',
  DISPATCH: '派单',
  START: '开始处置',
  RETURN: '退回',
  RESOLVE: '处置完成',
  VERIFY_PASS: '核查通过',
  VERIFY_FAIL: '核查不通过',
  ESCALATE: '上报上级',
  SUSPEND: '挂起',
  RESUME: '恢复',
  RATE: '评价',
  WARN: '黄灯预警',
  OVERDUE: '红灯超时',
  SUPERVISE: '督办',
  WHISTLE: '吹哨',
  DEPT_REPORT: '部门报到',
  DEPT_REFUSE: '部门拒绝',
  ARBITRATE: '县级仲裁',
  DEPT_WORK: '部门处置',
  DEPT_RESOLVE: '部门办结',
  DEPT_VERIFY_PASS: '部门核查通过',
  DEPT_SEND_BACK: '退回部门',
  DEPT_WARN: '部门黄灯',
  DEPT_OVERDUE: '部门红灯',
  DEPT_SUPERVISE: '部门督办',
};

/** Actions that need a comment (the API answers 400 without one). */
export const NEEDS_COMMENT = new Set(['REJECT', 'RETURN', 'VERIFY_FAIL', 'ESCALATE', 'SUSPEND']);

export const ROLE: Record<string, string> = {
  STAFF: '工作人员',
  GRID_WORKER: '网格员',
  BUILDING_LEAD: '楼栋长',
  GRID_LEADER: '网格长',
  COMMUNITY_ADMIN: '社区管理员',
  TOWN_ADMIN: '乡镇管理员',
  COUNTY_ADMIN: '县管理员',
  RESIDENT: '居民',
  SYSTEM: '系统',
};

export const SOURCE: Record<string, string> = {
  GRID_REPORT: '网格员上报',
  PATROL: '巡查',
  RESIDENT: '居民上报',
  HOTLINE: '热线',
  ASSIGNED: '交办',
  OPEN311: 'Open311',
};

export const FEED_TYPE: Record<string, string> = {
  created: '新上报',
  transitioned: '流转',
  yellow: '黄灯',
  red: '红灯',
  escalated: '督办',
};

export function time(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Escapes text for innerHTML. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
