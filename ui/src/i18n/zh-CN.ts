import { moduleMessages } from './modules'

// Chinese (default). Every key here must exist in en.ts too (tests check).
export default {
  app: { title: 'HCRM 客服中心' },
  lang: { 'zh-CN': '简体中文', en: 'English' },
  common: {
    search: '查询', reset: '重置', refresh: '刷新', add: '添加', new: '新建', edit: '编辑', save: '保存',
    cancel: '取消', ok: '确定', confirm: '确认', back: '返回', backHome: '返回首页', logout: '退出登录',
    actions: '操作', none: '暂无数据', required: '必填', saved: '已保存', totalCount: '共 {n} 条',
    comingLater: '后续版本提供',
  },
  error: {
    network: '无法连接服务器', forbidden: '没有权限执行此操作', notFound: '页面或记录不存在', generic: '操作失败',
  },
  login: {
    subtitle: '医院客户服务管理系统', username: '用户名', password: '密码', submit: '登录',
    usernameRequired: '请输入用户名', passwordRequired: '请输入密码', expired: '登录已失效，请重新登录',
  },
  menu: {
    dashboard: '统计看板', patients: '患者查询', admin: '系统管理', departments: '科室管理', users: '用户管理',
    audit: '审计日志', jobs: '事务调度', sms: '短信发件箱',
    followup: '随访管理', followupTasks: '随访任务', followupRules: '规则与计划', followupStats: '随访统计',
    counter: '窗口评价', evaluations: '评价统计',
  },
  role: {
    admin: '管理员', agent: '客服坐席', doctor: '医生', nurse: '护士', clerk: '窗口人员', manager: '科室主任',
    auditor: '审计员',
  },
  setup: {
    title: '连接服务器', hint: '请输入 HCRM 服务器地址（可向信息科索取）。', serverUrl: '服务器地址',
    invalid: '请输入以 http:// 或 https:// 开头的地址', change: '更换服务器',
  },
  welcome: { title: '欢迎，{name}', noPages: '当前账号没有可用的功能页面，请联系管理员分配权限。' },
  desktop: {
    softphone: '软电话', evaluator: '评价器', offline: '未注册', notConnected: '未连接',
    softphoneLater: '软电话将在后续版本提供', evaluatorLater: '窗口评价器将在后续版本提供',
    connected: '服务器已连接', unreachable: '服务器无法连接', checking: '正在连接服务器', notConfigured: '未设置服务器',
    settings: '桌面设置', shortcuts: '快捷键',
    shortcutsHint: '全局快捷键在窗口位于后台时也有效。点击输入框后按下组合键；按退格键关闭该快捷键。',
    shortcutAnswer: '接听', shortcutHangUp: '挂断', shortcutSearch: '查找患者', shortcutOff: '未设置',
    shortcutDefaults: '恢复默认', shortcutNeedsModifier: '{key}：全局快捷键需要包含 Ctrl、Alt 或 Super',
    shortcutDuplicate: '{key} 被用于多个操作', notifications: '桌面通知', notificationSend: '发送测试通知',
    notificationTest: '这是一条测试通知', notificationFailed: '无法显示通知', logDir: '日志目录',
  },
  dashboard: {
    discharges: '每日出院人数（按科室）', total: '合计 {n} 人', days: '近 {n} 天', line: '折线图', bar: '柱状图',
    count: '人数', noData: '所选时间内没有出院记录',
  },
  patients: {
    searchPlaceholder: '姓名、拼音首字母、电话、身份证号或病案号', noResults: '没有找到匹配的患者',
    enterQuery: '请输入查询条件',
  },
  patient: {
    mrn: '病案号', name: '姓名', sex: '性别', age: '年龄', ageYears: '{n} 岁', birthDate: '出生日期',
    idCard: '身份证号', phones: '电话', tags: '标签', departments: '就诊科室', lastVisit: '最近就诊', address: '地址',
    reveal: '查看', hide: '隐藏', revealAudited: '查看完整信息会记录审计日志', notFound: '未找到该患者',
  },
  sex: { male: '男', female: '女', unknown: '未知' },
  tag: { vip: '重点关注', do_not_contact: '勿扰', deceased: '已故' },
  visit: {
    title: '就诊记录', visitNo: '就诊号', kind: '类型', inpatient: '住院', outpatient: '门诊', department: '科室', ward: '病区',
    doctor: '主治医生', admittedAt: '入院/就诊时间', dischargedAt: '出院时间', diagnoses: '诊断',
  },
  contact: {
    title: '联系记录', at: '时间', channel: '方式', direction: '方向', summary: '内容摘要', user: '记录人',
    summaryRequired: '请填写内容摘要', saved: '联系记录已添加',
    channels: { phone: '电话', sms: '短信', visit: '面访', other: '其他' },
    directions: { outbound: '呼出', inbound: '呼入' },
  },
  panel: { tasks: '随访任务', calls: '通话记录', appointments: '预约挂号', surveys: '满意度调查', complaints: '投诉与建议' },
  department: {
    code: '编码', name: '名称', kind: '类型', active: '启用', create: '新建科室', edit: '编辑科室',
    kinds: { clinical: '临床科室', ward: '病区', office: '职能科室', window: '服务窗口' },
  },
  user: {
    username: '用户名', displayName: '姓名', password: '初始密码', role: '角色', department: '科室', status: '状态',
    lastLogin: '最近登录', enabled: '正常', disabled: '已停用', locked: '已锁定', create: '新建用户', edit: '编辑用户',
    disable: '停用', enable: '启用', unlock: '解锁', resetPassword: '重置密码', resetPasswordFor: '重置 {name} 的密码',
    newPassword: '新密码', passwordReset: '密码已重置', disableConfirm: '确定停用用户 {name}？其登录会话将立即失效。',
    filter: '按用户名或姓名筛选',
  },
  audit: {
    at: '时间', username: '用户', role: '角色', action: '操作', actionPlaceholder: '如 patient.reveal',
    patientId: '患者ID', target: '对象', detail: '详情', ip: 'IP 地址', range: '时间范围', from: '开始时间', to: '结束时间',
  },
  notification: {
    title: '消息通知', readAll: '全部已读', markRead: '标为已读', empty: '暂无通知',
    kinds: { task_assigned: '任务分配', alert: '提醒', reminder: '定时提醒', sms_failed: '短信失败' },
  },
  job: {
    kind: '类型', status: '状态', allStatuses: '全部状态', runAt: '计划时间', schedule: '周期', attempts: '尝试次数',
    lastError: '最近错误', history: '执行记录', runNow: '立即执行', retry: '重试', ranNow: '已安排立即执行',
    retried: '已重新排队', finishedAt: '完成时间', payload: '任务参数', runs: '执行历史', outcome: '结果',
    startedAt: '开始时间', runner: '执行实例', error: '错误',
    statuses: { pending: '等待中', running: '执行中', done: '已完成', dead: '已失败' },
    outcomes: { running: '执行中', ok: '成功', retry: '待重试', held: '暂缓', dead: '失败', lease_expired: '租约过期' },
  },
  sms: {
    status: '状态', allStatuses: '全部状态', phone: '手机号', body: '内容', reason: '原因', attempts: '尝试次数',
    createdAt: '创建时间', sentAt: '发送/送达时间', resend: '重新发送', resent: '已作为新短信 #{id} 重新发送', urgent: '紧急',
    statuses: { queued: '排队中', held: '暂缓', sent: '已发送', delivered: '已送达', failed: '失败' },
  },
  ...moduleMessages('zh-CN'),
}
