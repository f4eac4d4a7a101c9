/**
 * CSV column names, one list for every reader: a canned-reply library and a
 * transcript take the same headers (English or Chinese, any case), and a header
 * row decides which of the two a CSV is.
 */
export type CsvField = 'conversation' | 'role' | 'text' | 'time' | 'agent' | 'title' | 'tags';

export const CSV_COLUMNS: Record<CsvField, readonly string[]> = {
  conversation: ['conversation', 'conversation_id', 'conversationid', 'session', 'session_id', '会话id', '会话', '会话编号', '对话id'],
  role: ['role', 'sender_role', 'sender', 'speaker', '角色', '发送方', '身份'],
  text: ['text', 'message', 'content', '内容', '话术', '消息', '消息内容', '聊天内容'],
  time: ['time', 'timestamp', 'created_at', '时间', '发送时间'],
  agent: ['agent', 'agent_name', '客服昵称', '客服', '客服名称', '客服账号'],
  title: ['title', '标题'],
  tags: ['tags', '标签'],
};

function normalizeHeader(cell: string): string {
  return cell.trim().replace(/^\uFEFF/, '').replace(/^"|"$/g, '').toLowerCase();
}

/** The index of the column for `field` (or the name given for it), or -1. */
export function findColumn(header: readonly string[], field: CsvField, name?: string): number {
  const wanted = name !== undefined ? [name.trim().toLowerCase()] : CSV_COLUMNS[field];
  return header.findIndex((cell) => wanted.includes(normalizeHeader(cell)));
}

/**
 * What a CSV's header row says it is: a transcript names who speaks (a role
 * column) and what they said; a library has a text column and no role column.
 */
export function csvKind(header: readonly string[]): 'transcript' | 'library' | undefined {
  const hasText = findColumn(header, 'text') >= 0;
  if (!hasText) return undefined;
  return findColumn(header, 'role') >= 0 ? 'transcript' : 'library';
}

/** The error text for a CSV whose header names neither kind. */
export function unknownCsvHeader(): string {
  return (
    `CSV 表头无法识别：话术库需要话术列（${CSV_COLUMNS.text.join('、')} 之一），` +
    `会话记录还需要角色列（${CSV_COLUMNS.role.join('、')} 之一）和会话列（${CSV_COLUMNS.conversation.join('、')} 之一）。请在第一行写上表头。`
  );
}
