import { Avatar, DataLine, Document, Message, OfficeBuilding, Setting, Timer, User } from '@element-plus/icons-vue'
import type { Component } from 'vue'

// Only the icons the menu names are bundled, not the whole icon set.
export const MENU_ICONS: Record<string, Component> = {
  Avatar, DataLine, Document, Message, OfficeBuilding, Setting, Timer, User,
}
