namespace CamBuild.Dashboard.Html;

/// <summary>The one stylesheet, inlined into every page (the site has no asset files).</summary>
internal static class Style
{
    public const string Css = """
        :root{--fg:#1d1d1f;--muted:#57606a;--line:#d8dee4;--bg:#fff;--card:#f6f8fa;--good:#1a7f37;--bad:#cf222e;--warn:#9a6700;--none:#6e7781;--accent:#0969da}
        *{box-sizing:border-box}body{font:14px/1.45 system-ui,sans-serif;margin:0;color:var(--fg);background:var(--bg)}
        header{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;padding:.6em 1.5em;border-bottom:1px solid var(--line);background:var(--card)}
        nav a{margin-right:1.2em;font-weight:600;text-decoration:none;color:var(--accent)}nav a[aria-current]{color:var(--fg);border-bottom:2px solid var(--fg)}
        .asof{margin:0;color:var(--muted)}main{padding:0 1.5em 2em;max-width:90em}footer{padding:1em 1.5em;color:var(--muted);border-top:1px solid var(--line)}
        h1{font-size:1.5em;margin:.8em 0 .3em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid var(--line)}h3{font-size:1em;margin:.2em 0}
        a{color:var(--accent)}time{white-space:nowrap}code{font-size:.92em;word-break:break-all}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.25em .6em;border-bottom:1px solid #eaeef2}
        table.facts th{width:14em;color:var(--muted);font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .channels{display:grid;grid-template-columns:repeat(auto-fit,minmax(19em,1fr));gap:1em;margin-top:1em}
        .card{border:1px solid var(--line);border-radius:.5em;padding:.8em 1em;background:var(--card)}
        .card h2{margin:0 0 .4em;border:0;font-size:1.2em}.card .release{font-size:1.05em;font-weight:600}.card ul{margin:.2em 0;padding-left:1.2em}
        .muted{color:var(--muted)}.badge{display:inline-block;padding:0 .5em;border-radius:.8em;font-size:.85em;font-weight:600;color:#fff;background:var(--none)}
        .badge.good{background:var(--good)}.badge.bad{background:var(--bad)}.badge.warn{background:var(--warn)}.badge.none{background:var(--none)}
        .verdicts{display:flex;flex-wrap:wrap;gap:.5em}.verdict{border:1px solid var(--line);border-radius:.4em;padding:.3em .6em;max-width:30em}
        .verdict p{margin:.2em 0 0;color:var(--muted);font-size:.9em}
        tr.promote td:first-child,tr.rollback td:first-child{border-left:4px solid var(--accent)}tr.deliver td:first-child,tr.redeliver td:first-child{border-left:4px solid var(--good)}
        tr.refusal td:first-child{border-left:4px solid var(--warn)}tr.failed td:first-child,tr.interrupted td:first-child{border-left:4px solid var(--bad)}
        svg text{font:11px system-ui,sans-serif;fill:var(--muted)}svg .lane{fill:var(--card);stroke:var(--line)}svg .tick{stroke:var(--line)}
        svg .ev.promote{fill:var(--accent)}svg .ev.rollback{fill:#8250df}svg .ev.deliver,svg .ev.redeliver{fill:var(--good)}svg .ev.refusal{fill:var(--warn)}
        svg .ev.failed,svg .ev.interrupted{fill:var(--bad)}svg .node rect{stroke:#fff;stroke-width:2}svg .node.healthy rect{fill:var(--good)}
        svg .node.unhealthy rect{fill:var(--bad)}svg .node.unknown rect{fill:var(--none)}svg .node text{fill:#fff;font-weight:600}
        svg .node .drift{fill:var(--warn);stroke:#fff}svg .role{fill:none;stroke:var(--line);stroke-dasharray:4 3}svg text.role-name{fill:var(--fg);font-weight:600}
        .changes td:nth-child(2){white-space:nowrap}.added{color:var(--good)}.removed{color:var(--bad)}.changed{color:var(--warn)}
        """;
}
