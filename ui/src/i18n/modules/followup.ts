import type { ModuleMessages } from '../modules'

// The follow-up engine: task list, follow-up screen, rules and plans, statistics.
const messages: ModuleMessages = {
  'zh-CN': {
    followup: {
      filters: { mine: '我的任务', department: '科室', dueToday: '今日到期', overdue: '已逾期', kind: '类型', status: '状态', any: '全部' },
      kinds: {
        discharge: '出院随访', administrative: '行政抽查', department: '专科计划', research: '科研随访',
        physical_exam: '体检异常', outpatient: '门诊随访', revisit: '复诊提醒', callback: '回访',
      },
      statuses: { open: '待处理', pending: '待随访', in_progress: '进行中', completed: '已完成', failed: '失败', cancelled: '已取消', all: '全部' },
      outcomes: {
        reached: '已接通', no_answer: '无人接听', busy: '占线', wrong_number: '号码错误', refused: '拒绝随访',
        deceased: '已故', readmitted: '再入院', call_back: '预约回拨', sms_sent: '短信已发',
      },
      cols: {
        patient: '患者', phone: '电话', kind: '类型', title: '任务', department: '科室', due: '随访窗口',
        status: '状态', attempts: '尝试', assignee: '负责人', outcome: '结果',
      },
      overdueTag: '逾期', urgentTag: '紧急',
      export: '导出随访记录', generate: '立即生成任务', generated: '已生成 {n} 条任务',
      assign: '分配任务', strategy: '分配方式', byCount: '按数量均衡', byDepartment: '按科室', assignees: '分配给', assigned: '已分配 {n} 条任务',
      reassign: '改派', unassigned: '未分配',
      screen: {
        dial: '拨打电话',
        back: '返回列表', patient: '患者信息', visit: '就诊信息', script: '随访问卷', questionnaire: '问卷模板 #{id}',
        noQuestionnaire: '本任务未指定问卷', outcome: '随访结果', hotkeys: '快捷键 1-8 选择结果', note: '备注',
        callbackAt: '回拨时间', callbackRequired: '预约回拨需要填写回拨时间', save: '保存结果', saved: '已记录',
        next: '下一条任务', noNext: '没有更多待办任务', attempts: '随访记录', closed: '任务已结束', window: '随访窗口',
        age: '{n}岁', reveal: '显示号码', hide: '隐藏号码', diagnoses: '诊断', discharged: '出院时间',
      },
      rules: {
        title: '随访规则', add: '新建规则', edit: '编辑规则', name: '名称', kind: '类别', department: '科室',
        allDepartments: '全院', icd: 'ICD-10 编码', icdHint: '前缀或范围，如 I20-I25, I50', rounds: '随访轮次',
        fromDay: '出院后第几天起', toDay: '至第几天', questionnaire: '问卷编号', channel: '方式', addRound: '增加轮次',
        period: '出院时间段', active: '启用', tasks: '已生成任务', discharge: '出院随访', research: '科研随访',
        saved: '规则已保存', exportResults: '导出研究结果',
      },
      channels: { phone: '电话', sms: '短信' },
      plans: {
        title: '专科随访计划', add: '新建计划', name: '名称', department: '科室', firstDate: '首次日期',
        interval: '间隔天数', count: '轮次数', smsBody: '短信内容', patients: '患者编号（逗号分隔）', saved: '计划已保存',
        patientCount: '患者数',
      },
      stats: {
        period: '统计区间', workload: '坐席工作量', coverage: '科室随访覆盖', contact: '接通率', trend: '月度趋势',
        attempts: '尝试次数', reached: '接通', completed: '完成', due: '应随访', done: '已完成', rate: '覆盖率%',
        contacted: '接通次数', contactRate: '接通率%', month: '月份', name: '人员', department: '科室',
        exportAll: '导出全部统计', exportOne: '导出', refresh: '刷新',
      },
      flag: '标记随访', flagged: '已加入随访任务', alreadyFlagged: '该就诊已在随访任务中',
    },
  },
  en: {
    followup: {
      filters: { mine: 'Mine', department: 'Department', dueToday: 'Due today', overdue: 'Overdue', kind: 'Kind', status: 'Status', any: 'Any' },
      kinds: {
        discharge: 'Discharge', administrative: 'Spot check', department: 'Department plan', research: 'Research',
        physical_exam: 'Physical exam', outpatient: 'Outpatient', revisit: 'Revisit reminder', callback: 'Callback',
      },
      statuses: { open: 'Open', pending: 'Pending', in_progress: 'In progress', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled', all: 'All' },
      outcomes: {
        reached: 'Reached', no_answer: 'No answer', busy: 'Busy', wrong_number: 'Wrong number', refused: 'Refused',
        deceased: 'Deceased', readmitted: 'Readmitted', call_back: 'Call back', sms_sent: 'SMS sent',
      },
      cols: {
        patient: 'Patient', phone: 'Phone', kind: 'Kind', title: 'Task', department: 'Department', due: 'Window',
        status: 'Status', attempts: 'Attempts', assignee: 'Assignee', outcome: 'Outcome',
      },
      overdueTag: 'Overdue', urgentTag: 'Urgent',
      export: 'Export records', generate: 'Generate now', generated: '{n} tasks generated',
      assign: 'Assign', strategy: 'Strategy', byCount: 'Balanced by count', byDepartment: 'By department', assignees: 'Assign to', assigned: '{n} tasks assigned',
      reassign: 'Reassign', unassigned: 'Unassigned',
      screen: {
        dial: 'Call',
        back: 'Back to the list', patient: 'Patient', visit: 'Visit', script: 'Questionnaire', questionnaire: 'Questionnaire #{id}',
        noQuestionnaire: 'No questionnaire for this task', outcome: 'Outcome', hotkeys: 'Keys 1-8 pick an outcome', note: 'Note',
        callbackAt: 'Call back at', callbackRequired: 'A call back needs a time', save: 'Save outcome', saved: 'Recorded',
        next: 'Next task', noNext: 'No more open tasks', attempts: 'Attempts', closed: 'The task is closed', window: 'Window',
        age: '{n} y', reveal: 'Show number', hide: 'Hide number', diagnoses: 'Diagnoses', discharged: 'Discharged',
      },
      rules: {
        title: 'Follow-up rules', add: 'New rule', edit: 'Edit rule', name: 'Name', kind: 'Kind', department: 'Department',
        allDepartments: 'Whole hospital', icd: 'ICD-10 codes', icdHint: 'Prefixes or ranges, e.g. I20-I25, I50', rounds: 'Rounds',
        fromDay: 'From day', toDay: 'To day', questionnaire: 'Questionnaire', channel: 'Channel', addRound: 'Add round',
        period: 'Discharge period', active: 'Active', tasks: 'Tasks made', discharge: 'Discharge', research: 'Research',
        saved: 'Rule saved', exportResults: 'Export study results',
      },
      channels: { phone: 'Phone', sms: 'SMS' },
      plans: {
        title: 'Department plans', add: 'New plan', name: 'Name', department: 'Department', firstDate: 'First date',
        interval: 'Interval (days)', count: 'Rounds', smsBody: 'SMS text', patients: 'Patient ids (comma separated)', saved: 'Plan saved',
        patientCount: 'Patients',
      },
      stats: {
        period: 'Period', workload: 'Agent workload', coverage: 'Department coverage', contact: 'Contact rate', trend: 'Monthly trend',
        attempts: 'Attempts', reached: 'Reached', completed: 'Completed', due: 'Due', done: 'Done', rate: 'Coverage %',
        contacted: 'Contacted', contactRate: 'Contact rate %', month: 'Month', name: 'Person', department: 'Department',
        exportAll: 'Export all statistics', exportOne: 'Export', refresh: 'Refresh',
      },
      flag: 'Flag for follow-up', flagged: 'Added to the follow-up tasks', alreadyFlagged: 'This visit is already flagged',
    },
  },
}
export default messages
