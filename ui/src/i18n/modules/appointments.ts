import type { ModuleMessages } from '../modules'

// Appointment booking (预约挂号); keep the two locales' keys identical.
const messages: ModuleMessages = {
  'zh-CN': {
    appt: {
      menu: { group: '预约挂号', console: '预约台', schedules: '排班管理', suspension: '停诊管理', reports: '预约报表' },
      from: '开始日期', to: '结束日期', department: '科室', doctor: '医生', expertOnly: '只看专家', search: '查询',
      day: '日期', session: '时段', title: '门诊', free: '余号', capacity: '号源', status: '状态', actions: '操作',
      sessions: { morning: '上午', afternoon: '下午', evening: '晚间' },
      sessionStatus: { open: '开诊', suspended: '停诊' },
      bookFor: '预约挂号', patient: '患者', pickPatient: '输入姓名、拼音首字母、电话或病历号查找患者', noPatient: '请先选择患者',
      book: '预约', bookFirst: '预约最早号', booked: '已为{name}预约 {day} {session} 第{seq}号', slots: '号源',
      reserved: '现场', waitlist: '候补', joinWaitlist: '加入候补', joined: '已加入候补',
      myAppointments: '患者预约', seq: '序号', channel: '渠道', cancel: '取消', cancelled: '已取消', checkIn: '签到',
      channels: { phone: '电话', web: '网站', wechat: '微信', onsite: '现场', clinic: '诊间', partner: '合作平台' },
      apptStatus: { held: '锁号中', confirmed: '已预约', checked_in: '已签到', cancelled: '已取消', expired: '已过期', no_show: '爽约', rescheduled: '已改约', suspended: '停诊' },
      templates: '排班模板', weekday: '星期', weekdays: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
      start: '开始', end: '结束', slotMinutes: '每号分钟', onsiteEvery: '现场号间隔', expert: '专家', addTemplate: '添加模板',
      holidays: '节假日', holidayName: '名称', addHoliday: '添加节假日', generate: '生成排班', generated: '生成了{sessions}个时段、{slots}个号',
      suspend: '停诊', suspendReason: '停诊原因', suspended: '已停诊，已通知{n}位患者', notices: '停诊通知',
      smsStatus: '短信状态', noticeStatus: '处理结果', offer: '改约建议', resolve: '处理',
      noticeStatuses: { pending: '待处理', rebooked: '已改约', cancelled: '已取消', unreachable: '联系不上' },
      smsStatuses: { queued: '排队中', held: '暂缓', sent: '已发送', delivered: '已送达', failed: '失败' },
      rebook: '改约', markCancelled: '取消就诊', markUnreachable: '联系不上',
      report: { bookings: '预约数', cancellations: '取消', noShows: '爽约', checkedIn: '已就诊', noShowRate: '爽约率', slotUse: '号源使用率', perChannel: '各渠道预约', exportCsv: '导出表格' },
    },
  },
  en: {
    appt: {
      menu: { group: 'Appointments', console: 'Booking console', schedules: 'Schedules', suspension: 'Clinic suspension', reports: 'Booking reports' },
      from: 'From', to: 'To', department: 'Department', doctor: 'Doctor', expertOnly: 'Experts only', search: 'Search',
      day: 'Date', session: 'Session', title: 'Clinic', free: 'Free', capacity: 'Numbers', status: 'Status', actions: 'Actions',
      sessions: { morning: 'Morning', afternoon: 'Afternoon', evening: 'Evening' },
      sessionStatus: { open: 'Open', suspended: 'Suspended' },
      bookFor: 'Book appointment', patient: 'Patient', pickPatient: 'Find a patient by name, initials, phone or MRN', noPatient: 'Choose a patient first',
      book: 'Book', bookFirst: 'Book first free', booked: 'Booked {name} for {day} {session}, number {seq}', slots: 'Numbers',
      reserved: 'On site', waitlist: 'Waitlist', joinWaitlist: 'Join waitlist', joined: 'Added to the waitlist',
      myAppointments: 'Patient appointments', seq: 'No.', channel: 'Channel', cancel: 'Cancel', cancelled: 'Cancelled', checkIn: 'Check in',
      channels: { phone: 'Phone', web: 'Web', wechat: 'WeChat', onsite: 'On site', clinic: 'In clinic', partner: 'Partner' },
      apptStatus: { held: 'Held', confirmed: 'Booked', checked_in: 'Checked in', cancelled: 'Cancelled', expired: 'Expired', no_show: 'No-show', rescheduled: 'Rescheduled', suspended: 'Suspended' },
      templates: 'Weekly templates', weekday: 'Weekday', weekdays: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
      start: 'Start', end: 'End', slotMinutes: 'Minutes per number', onsiteEvery: 'On-site every', expert: 'Expert', addTemplate: 'Add template',
      holidays: 'Holidays', holidayName: 'Name', addHoliday: 'Add holiday', generate: 'Generate', generated: 'Generated {sessions} sessions and {slots} numbers',
      suspend: 'Suspend', suspendReason: 'Reason', suspended: 'Suspended; {n} patients notified', notices: 'Suspension notices',
      smsStatus: 'SMS', noticeStatus: 'Outcome', offer: 'Offer', resolve: 'Resolve',
      noticeStatuses: { pending: 'Pending', rebooked: 'Rebooked', cancelled: 'Cancelled', unreachable: 'Unreachable' },
      smsStatuses: { queued: 'Queued', held: 'Held', sent: 'Sent', delivered: 'Delivered', failed: 'Failed' },
      rebook: 'Rebook', markCancelled: 'Cancelled', markUnreachable: 'Unreachable',
      report: { bookings: 'Bookings', cancellations: 'Cancellations', noShows: 'No-shows', checkedIn: 'Attended', noShowRate: 'No-show rate', slotUse: 'Slot use', perChannel: 'Bookings per channel', exportCsv: 'Export' },
    },
  },
}
export default messages
