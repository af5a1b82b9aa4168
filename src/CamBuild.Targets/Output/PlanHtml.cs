using System.Net;
using CamBuild.Targets.Planning;

namespace CamBuild.Targets.Output;

/// <summary>
/// A self-describing page: the mermaid graph (rendered by mermaid from a CDN when the viewer is online) and the
/// ordered plan as text, which is readable offline as well.
/// </summary>
internal static class PlanHtml
{
    public static string Render(string title, ExecutionPlan plan, IReadOnlyList<(string Name, string Value, string Source)>? parameters = null) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{WebUtility.HtmlEncode(title)}} — execution plan</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
          pre.plan { background: #f6f8fa; padding: 1rem; border-radius: 6px; }
          .legend span { margin-right: 1.5rem; }
        </style>
        </head>
        <body>
        <h1>{{WebUtility.HtmlEncode(title)}} — execution plan</h1>
        <p class="legend"><span>──▶ depends on</span><span>┅┅▶ ordering only</span><span>━━▶ triggers</span><span>green: planned for this invocation</span></p>
        <pre class="mermaid">
        {{WebUtility.HtmlEncode(PlanText.Mermaid(plan))}}
        </pre>
        <h2>Order</h2>
        <pre class="plan">{{WebUtility.HtmlEncode(PlanText.Render(plan, parameters))}}</pre>
        <script type="module">
          import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs';
          mermaid.initialize({ startOnLoad: true });
        </script>
        </body>
        </html>
        """;
}
