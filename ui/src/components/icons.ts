import { Avatar, Calendar, ChatDotRound, Connection, DataLine, Document, List, Message, Notebook, OfficeBuilding, PhoneFilled, PieChart, Search, SetUp, Setting, Star, Tickets, Timer, TrendCharts, Upload, User } from '@element-plus/icons-vue'
import type { Component } from 'vue'

// Only the icons the menu names are bundled, not the whole icon set.
export const MENU_ICONS: Record<string, Component> = {
  Avatar, Calendar, ChatDotRound, Connection, DataLine, Document, List, Message, Notebook, OfficeBuilding, PhoneFilled, PieChart, Search, SetUp, Setting, Star, Tickets, Timer, TrendCharts, Upload, User,
}
