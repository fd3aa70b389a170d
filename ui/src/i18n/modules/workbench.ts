import type { ModuleMessages } from '../modules'

// The agent's workbench (views/workbench).
const messages: ModuleMessages = {
  'zh-CN': {
    workbench: {
      menu: '我的工作台',
      dueNow: '今日待办',
      dueNowTitle: '今日到期的随访',
      calls: '今日通话',
      answered: '已接通',
      talkMinutes: '通话分钟',
      attempts: '随访记录',
      completed: '已完成任务',
      patient: '患者',
      task: '任务',
      window: '随访时间窗',
      priority: '标记',
      urgent: '加急',
      overdue: '已逾期',
      work: '处理',
      nothingDue: '今日没有到期的随访',
      callbacks: '今日约定回拨',
      noCallbacks: '今日没有约定回拨',
      missed: '未接来电（待回拨）',
      noMissed: '没有未回拨的来电',
    },
  },
  en: {
    workbench: {
      menu: 'My workbench',
      dueNow: 'Due today',
      dueNowTitle: 'Follow-ups due today',
      calls: 'Calls today',
      answered: 'Answered',
      talkMinutes: 'Talk minutes',
      attempts: 'Attempts logged',
      completed: 'Tasks completed',
      patient: 'Patient',
      task: 'Task',
      window: 'Follow-up window',
      priority: 'Flags',
      urgent: 'Urgent',
      overdue: 'Overdue',
      work: 'Work',
      nothingDue: 'Nothing is due today',
      callbacks: 'Call-backs promised for today',
      noCallbacks: 'No call-backs promised for today',
      missed: 'Missed calls to return',
      noMissed: 'No missed calls to return',
    },
  },
}

export default messages
