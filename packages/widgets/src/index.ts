export { RapportTheme } from './RapportTheme/RapportTheme.js';
export type { RapportThemeProps, RapportThemeName } from './RapportTheme/RapportTheme.js';
export { VisitorStatus } from './VisitorStatus/VisitorStatus.js';
export type { VisitorStatusProps } from './VisitorStatus/VisitorStatus.js';
export { VisitorStatusView } from './VisitorStatus/VisitorStatusView.js';
export type { VisitorStatusState } from './VisitorStatus/VisitorStatusView.js';
export { defaultVisitorStatusMessages } from './VisitorStatus/visitorStatusMessages.js';
export type { VisitorStatusMessages } from './VisitorStatus/visitorStatusMessages.js';
