import { Avatar, DataLine, Document, OfficeBuilding, Setting, User } from '@element-plus/icons-vue'
import type { Component } from 'vue'

// Only the icons the menu names are bundled, not the whole icon set.
export const MENU_ICONS: Record<string, Component> = {
  Avatar, DataLine, Document, OfficeBuilding, Setting, User,
}
