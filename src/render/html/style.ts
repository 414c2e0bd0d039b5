/** The page's only stylesheet, inlined (the CSP allows exactly this text by its hash). */
export const STYLE = `
:root{--ink:#1d2733;--muted:#5f6b7a;--line:#dde3ea;--bg:#f5f7fa;--card:#fff;--accent:#1f4e79;
--culprit:#c0392b;--victim:#a35200;--standalone:#2e6da4;--event:#7d3c98;--routine:#5f6b7a;--loop:#b71c1c;
--soft:#f7f9fb;--soft2:#f1f4f7;--hl:#fff3bf;--note:#fff8e6;--markbg:#e8edf3;--loopbg:#fde2e1;--loopink:#b71c1c;--warnink:#8a5300;--rowline:#eef1f4;--axis:#e6eaef;--hist:#5b8bb8;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:0 20px 40px}
code,pre,.mono{font-family:var(--mono);font-size:12.5px}
a{color:var(--accent)}
.muted{color:var(--muted)}.small{font-size:12px}.nowrap{white-space:nowrap}
header.top{background:linear-gradient(135deg,#16324f,#1f4e79);color:#fff;padding:18px 0 20px;margin-bottom:18px}
header.top .inner{max-width:1180px;margin:0 auto;padding:0 20px}
header.top h1{margin:0;font-size:22px;font-weight:600;letter-spacing:.2px}
header.top h1 .brand{opacity:.7;font-weight:400}
header.top .verdict{margin:10px 0 14px;font-size:16px;line-height:1.5;max-width:1080px}
header.top .verdict .sev{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.6px;padding:2px 8px;border-radius:10px;margin-right:8px;vertical-align:2px;background:#fff;color:var(--culprit)}
header.top dl{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:4px 14px;margin:0;font-size:13px}
header.top dt{opacity:.7}header.top dd{margin:0;min-width:0;overflow-wrap:anywhere}
header.top code{color:#fff;background:rgba(255,255,255,.12);padding:0 4px;border-radius:3px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:0 0 16px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
h2{font-size:16px;margin:0 0 10px;color:var(--accent)}
h4{font-size:13px;margin:14px 0 6px;text-transform:uppercase;letter-spacing:.5px;color:var(--muted)}
figure{margin:0}figcaption{font-size:12px;color:var(--muted);margin-top:4px}
svg{max-width:100%;height:auto;display:block;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.badge{display:inline-block;font-size:11px;font-weight:600;padding:1px 7px;border-radius:9px;color:#fff;vertical-align:1px}
.badge-culprit{background:var(--culprit)}.badge-victim{background:var(--victim)}.badge-standalone{background:var(--standalone)}
.badge-event{background:var(--event)}.badge-routine{background:var(--routine)}
.badge-critical{background:var(--culprit)}.badge-warning{background:var(--victim)}.badge-info{background:var(--standalone)}
.key{display:inline-block;width:11px;height:11px;border-radius:2px;margin:0 4px 0 8px;vertical-align:-1px}
.key-culprit{background:var(--culprit)}.key-victim{background:var(--victim)}.key-standalone{background:var(--standalone)}.key-event{background:var(--event)}.key-loop{background:var(--loop);margin-left:2px}
.timeline .lane-bg{fill:transparent}.timeline .lane:nth-of-type(odd) .lane-bg{fill:var(--soft)}
.timeline text{unicode-bidi:isolate}.timeline .lane-title{font-size:12.5px;font-weight:600;fill:var(--ink)}.timeline .lane-sub{font-size:11px;fill:var(--muted);font-family:var(--mono)}
.timeline .lane-section{font-size:11px;font-weight:600;fill:var(--muted);text-transform:uppercase;letter-spacing:.6px}
.timeline .axis line{stroke:var(--axis)}.timeline .axis text{font-size:11px;fill:var(--muted);text-anchor:middle}
.timeline .bar{cursor:pointer;opacity:.9}.timeline .bar:hover{opacity:1}
.role-culprit .bar{fill:var(--culprit)}.role-victim .bar{fill:var(--victim)}.role-standalone .bar{fill:var(--standalone)}
.timeline .tick{fill:#fff;cursor:pointer;opacity:.85}.timeline .tick:hover{fill:#111;opacity:1}
.timeline .event-bar,.timeline .event-mark{fill:var(--event);cursor:pointer;opacity:.85}
.timeline .event-count{font-size:11px;fill:var(--event);font-weight:600}
.timeline .link{stroke:#444;stroke-width:1.3;stroke-dasharray:4 3}.timeline .waits{font-size:11px;fill:var(--victim);font-weight:600}
.timeline marker path{fill:#555}
.lane-label{cursor:pointer}
.waitgraph{overflow:auto;max-height:640px}.waitgraph svg{max-width:none}.waitgraph text{unicode-bidi:isolate}
.wg-node rect{fill:var(--card);stroke:var(--muted);stroke-width:1.2}.wg-node .wg-title{font-size:12.5px;font-weight:600;fill:var(--ink)}.wg-node .wg-sub{font-size:11px;fill:var(--muted);font-family:var(--mono)}
.wg-incident{cursor:pointer}.wg-incident rect{stroke:var(--victim)}.wg-root rect{stroke:var(--culprit);stroke-width:3;fill:var(--loopbg)}
.wg-unseen rect,.wg-partial rect{stroke-dasharray:5 3}.wg-unseen .wg-title{font-weight:400;font-style:italic}
.wg-edge path{fill:none;stroke:var(--muted);stroke-width:1.3}.wg-to-unseen path{stroke-dasharray:4 3}.wg-edge text{text-anchor:end}.wg-edge .wg-what{font-size:11px;fill:var(--ink);font-family:var(--mono)}
.wg-edge .wg-how{font-size:10.5px;fill:var(--muted)}.wg-storage .wg-how{fill:var(--loopink);font-weight:600}.waitgraph marker path{fill:var(--muted)}
.key-unseen{border:1.5px dashed var(--muted)}
[data-go]:focus{outline:none}[data-go]:focus-visible{outline:2px solid var(--accent)}
.stats{display:flex;gap:10px;flex-wrap:wrap;margin:0 0 16px}
.stat{flex:1 1 150px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.stat b{display:block;font-size:22px;line-height:1.2}.stat span{font-size:12px;color:var(--muted)}
.stat.culprit b{color:var(--culprit)}.stat.victim b{color:var(--victim)}.stat.event b{color:var(--event)}
ul.findings{list-style:none;padding:0;margin:0}ul.findings li{padding:6px 0;border-top:1px solid var(--rowline);overflow-wrap:anywhere}ul.findings li:first-child{border-top:0}
ol.steps{margin:0;padding-left:22px}ol.steps li{margin:0 0 8px}.why{color:var(--muted);font-size:12.5px}
details.incident{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--standalone);border-radius:8px;margin:0 0 12px}
details.incident.role-culprit{border-left-color:var(--culprit)}details.incident.role-victim{border-left-color:var(--victim)}
details.incident>summary{cursor:pointer;padding:10px 14px;font-size:14.5px;list-style-position:outside}
details.incident>summary .title{font-weight:600;margin-right:6px}
details.incident.flash{box-shadow:0 0 0 3px rgba(31,78,121,.35)}
.incident-body{padding:0 18px 16px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:4px 0 8px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
ul.taint{margin:2px 0 0;padding-left:18px;font-size:12.5px}
.notes p{background:var(--note);border-left:3px solid var(--victim);margin:6px 0;padding:6px 10px;border-radius:0 4px 4px 0}
.hist .hist-label{font-family:var(--mono);font-size:11.5px;text-anchor:end;fill:var(--ink)}
.hist rect{fill:var(--hist)}.hist .hist-loop rect{fill:var(--loop)}.hist .hist-count{font-size:11px;fill:var(--muted)}
.flame .fl text{font-size:11px;fill:#1d1d1d;pointer-events:none;font-family:var(--mono)}
.flame .fl rect{stroke:#fff;stroke-width:.5}.flame .fl:hover rect{stroke:#000;stroke-width:1}
.fl-root rect{fill:#c9d3de}.fl-loop rect{fill:var(--loop)}.flame .fl-loop text{fill:#fff;font-weight:700}.fl-culprit rect{fill:#e8590c}
.fl-0 rect{fill:#f4a259}.fl-1 rect{fill:#f6c453}.fl-2 rect{fill:#f08a4b}.fl-3 rect{fill:#f9d77e}.fl-4 rect{fill:#ee964b}.fl-5 rect{fill:#f7b267}
ol.trace{list-style:none;margin:0;padding:8px 12px;overflow-x:auto;background:var(--soft);border:1px solid var(--line);border-radius:6px;font-family:var(--mono);font-size:12.5px}
.frame{padding:1px 0}.frame.unreliable{color:#9aa4b1}.frame.loop .fn{font-weight:700;color:var(--loopink)}.frame-rip .fn{font-weight:600}
.mark{font-family:system-ui,sans-serif;font-size:10.5px;background:var(--markbg);color:var(--muted);border-radius:8px;padding:0 6px;margin-left:8px}
.frame.loop .mark{background:var(--loopbg);color:var(--loopink)}
.regs summary{cursor:pointer;color:var(--muted);font-size:12.5px;margin-top:6px}
.reg-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:2px 12px;font-family:var(--mono);font-size:12px;padding:4px 0}
.code-bytes{font-family:var(--mono);font-size:12.5px;word-break:break-word}.code-bytes mark{background:var(--loop);color:#fff;border-radius:2px;padding:0 2px}
.raw{max-height:360px;overflow:auto;border:1px solid var(--line);border-radius:6px;background:var(--soft)}
.raw table{border-collapse:collapse;font-family:var(--mono);font-size:12px;width:100%}
.raw td{padding:0 8px;white-space:pre-wrap;word-break:break-all;vertical-align:top}
.raw td.ln{white-space:nowrap;text-align:right;color:var(--muted);background:var(--soft2);user-select:none;width:1%}
.raw td.ln a{color:inherit;text-decoration:none}.raw tr:target td{background:var(--hl)}
.filters{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin-bottom:8px}
.filters input[type=search]{flex:1 1 240px;min-width:0;background:var(--card);color:var(--ink);padding:6px 10px;border:1px solid var(--line);border-radius:6px;font:inherit}
.filters select{padding:5px 8px;border:1px solid var(--line);border-radius:6px;font:inherit;background:var(--card);color:var(--ink)}
.table-wrap{overflow-x:auto}
table.items{border-collapse:collapse;width:100%;font-size:13px}
table.items th{text-align:left;font-size:11.5px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);border-bottom:2px solid var(--line);padding:6px 8px}
table.items td{border-bottom:1px solid var(--rowline);padding:6px 8px;vertical-align:top}
table.items .num{text-align:right}table.items tr.row-incident{cursor:pointer}table.items tr:hover td{background:var(--soft)}
table.items tr.flash td{background:var(--hl)}table.items .example{font-size:12px;margin-top:2px;overflow-wrap:anywhere}table.items code{white-space:pre-wrap;word-break:break-word}
.asm{display:block;overflow-x:auto;border-collapse:collapse;font-family:var(--mono);font-size:12px;margin:2px 0 6px}
.asm th{text-align:left;font:600 11px system-ui,sans-serif;color:var(--muted);padding:3px 10px 3px 0;border-bottom:1px solid var(--line)}
.asm td{padding:1px 14px 1px 0;white-space:pre}.asm .num{text-align:right}.asm tr.rip td{background:var(--loopbg);font-weight:600}
.src{border:1px solid var(--line);border-radius:6px;margin:4px 0 8px;overflow:auto}.src-file{font:600 12px var(--mono);background:var(--soft2);padding:3px 8px}
.src table{border-collapse:collapse;font-family:var(--mono);font-size:12px;width:100%}.src td{padding:0 8px;white-space:pre}
.src td.ln{text-align:right;color:var(--muted);width:1%}.src-mapped td{background:var(--hl)}.src-loop td{background:var(--loopbg)}
.warn li{color:var(--warnink)}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:24px}
#tip{position:fixed;z-index:10;max-width:560px;background:#1d2733;color:#fff;font:12px/1.4 var(--mono);padding:6px 9px;border-radius:5px;white-space:pre-wrap;pointer-events:none;box-shadow:0 4px 14px rgba(0,0,0,.25)}
figure.timeline,figure.flame{overflow-x:auto}
@media (max-width:900px){main{padding:0 10px 30px}header.top .inner{padding:0 10px}header.top dl{grid-template-columns:max-content 1fr}
figure.timeline svg,figure.flame svg{max-width:none;width:auto}.card{padding:12px}.incident-body{padding:0 10px 12px}dl.facts{grid-template-columns:minmax(90px,max-content) 1fr;gap:3px 10px}}
@media (prefers-color-scheme:dark){:root{--ink:#e6edf3;--muted:#9da7b3;--line:#30363d;--bg:#0d1117;--card:#161b22;--accent:#79b8ff;
--soft:#1c2128;--soft2:#21262d;--hl:#4a3b00;--note:#2b2410;--markbg:#30363d;--loopbg:#4c1d1d;--loopink:#ff8a80;--warnink:#e3b341;--rowline:#21262d;--axis:#30363d;--hist:#4f7fae}
header.top{background:linear-gradient(135deg,#0b1a2a,#13304d)}.card,.stat,details.incident{box-shadow:none}.timeline .tick{fill:#0d1117}.timeline .tick:hover{fill:#fff}
.timeline .link{stroke:#aab4bf}.timeline marker path{fill:#aab4bf}.fl-root rect{fill:#3a4654}.flame .fl rect{stroke:#161b22}}
@page{size:A4;margin:12mm}
@media print{:root{--ink:#1d2733;--muted:#5f6b7a;--line:#dde3ea;--bg:#fff;--card:#fff;--soft:#f7f9fb;--soft2:#f1f4f7;--hl:#fff3bf;--note:#fff8e6;--markbg:#e8edf3;--loopbg:#fde2e1;--loopink:#b71c1c;--warnink:#8a5300;--rowline:#eef1f4}
body{background:#fff;font-size:11px}main{max-width:none;padding:0}header.top{background:#1f4e79;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.filters,#tip{display:none}.raw,figure.waitgraph{max-height:none;overflow:visible}.table-wrap,figure.timeline,figure.flame,ol.trace,.asm,.src{overflow:visible}
figure.timeline svg,figure.flame svg,figure.waitgraph svg{width:100%;max-width:100%}table.items{font-size:10px;table-layout:fixed}table.items td,table.items code,.raw td,.asm td,.src td,ol.trace{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.card,details.incident,tr{break-inside:avoid}}
`;
