/**
 * A Mermaid sequence diagram drawn as SVG, for the playground: no Mermaid
 * library is there (the page is self-contained and works offline), and
 * `toMermaid` writes few kinds of lines. Participants become columns with
 * lifelines, each message an arrow below the one before (dashed for a
 * reply, `-->>`), its label above it; notes become a box across the columns
 * they name. Other lines (activations, comments) are skipped.
 */

interface Message {
  readonly from: string;
  readonly to: string;
  readonly dashed: boolean;
  readonly label: string;
}

interface Note {
  readonly over: string[];
  readonly label: string;
}

const COLUMN = 230;
const ROW = 34;
const TOP = 44;

const ARROW = /^\s*([^:]+?)\s*(--?>>|--?>|--?x|--?\))\s*([^:]+?)\s*:\s*(.*)$/;
const PARTICIPANT = /^\s*(?:participant|actor)\s+(\S+)(?:\s+as\s+(.*))?$/;
const NOTE = /^\s*Note\s+(?:over|left of|right of)\s+([^:]+?)\s*:\s*(.*)$/i;

export function sequenceSvg(mermaid: string): string {
  const participants: string[] = [];
  const meet = (name: string): void => {
    if (!participants.includes(name)) participants.push(name);
  };
  const rows: (Message | Note)[] = [];
  for (const line of mermaid.split("\n")) {
    let m: RegExpExecArray | null;
    if ((m = PARTICIPANT.exec(line))) meet(m[1]!);
    else if ((m = NOTE.exec(line))) {
      const over = m[1]!.split(",").map((s) => s.trim());
      over.forEach(meet);
      rows.push({ over, label: m[2]! });
    } else if ((m = ARROW.exec(line))) {
      meet(m[1]!);
      meet(m[3]!);
      rows.push({ from: m[1]!, to: m[3]!, dashed: m[2]!.startsWith("--"), label: m[4]! });
    }
  }
  const width = Math.max(320, participants.length * COLUMN);
  const height = TOP + rows.length * ROW + 24;
  const x = (name: string): number => COLUMN / 2 + participants.indexOf(name) * COLUMN;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sequence" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    "<style>text{font:12px system-ui,sans-serif;fill:#0f172a}.p{font-weight:600}.life{stroke:#94a3b8;stroke-dasharray:3 3}.msg{stroke:#1e293b;stroke-width:1.3;fill:none}.reply{stroke-dasharray:5 3}.note{fill:#fef9c3;stroke:#ca8a04}</style>",
    '<defs><marker id="seq-head" viewBox="0 0 8 8" refX="7.5" refY="4" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L8,4L0,8z" fill="#1e293b"/></marker></defs>',
  ];
  for (const name of participants) {
    const cx = x(name);
    out.push(
      `<rect x="${cx - 80}" y="6" width="160" height="24" rx="4" fill="#e0e7ff" stroke="#6366f1"/>`,
      `<text class="p" x="${cx}" y="22" text-anchor="middle">${escapeXml(cut(name, 24))}</text>`,
      `<line class="life" x1="${cx}" y1="30" x2="${cx}" y2="${height - 6}"/>`,
    );
  }
  rows.forEach((row, i) => {
    const y = TOP + i * ROW + 18;
    if ("over" in row) {
      const xs = row.over.map(x);
      const left = Math.min(...xs) - 90;
      const right = Math.max(...xs) + 90;
      out.push(
        `<rect class="note" x="${left}" y="${y - 16}" width="${right - left}" height="22"/>`,
        `<text x="${(left + right) / 2}" y="${y - 1}" text-anchor="middle">${escapeXml(cut(row.label, 60))}</text>`,
      );
      return;
    }
    const [x1, x2] = [x(row.from), x(row.to)];
    const d =
      x1 === x2 ? `M${x1},${y - 8}h40v12h-40` : `M${x1},${y}L${x2 + (x2 > x1 ? -2 : 2)},${y}`;
    out.push(
      `<path class="msg${row.dashed ? " reply" : ""} arrow" d="${d}" marker-end="url(#seq-head)"/>`,
      `<text x="${(x1 + x2) / 2 + (x1 === x2 ? 50 : 0)}" y="${y - 5}" text-anchor="middle">${escapeXml(cut(row.label, 44))}</text>`,
    );
  });
  out.push("</svg>");
  return out.join("\n");
}

function cut(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
