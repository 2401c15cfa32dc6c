using System.Globalization;
using System.Net;
using System.Text;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages;

/// <summary>
/// The two routes drawn as inline SVG on the server from <see cref="DeclarationRoute.Edges"/> and
/// <see cref="PackageRoute.Edges"/> with the labels of <see cref="StageLabels"/> and <see cref="PackageWorkflow.StageLabel"/>,
/// so the picture cannot drift from the machines (no script, no CDN: CSP-safe).
/// Main stages form a column in route order; forward arrows run down the column, return arrows (to an earlier stage)
/// are dashed lanes on the left, and arrows to and from the side stage (不纳入汇总; the package's 区财政审核中) run on the
/// right. A current stage, when given, is drawn filled, bold and marked 当前 in words (not by colour alone), and named in
/// the diagram's accessible title.
/// </summary>
public static class RouteDiagram
{
    private const int BoxHeight = 44, RowGap = 96, Top = 16;

    /// <summary>The declaration route; <paramref name="current"/> highlights where a declaration stands.</summary>
    public static string Svg(DeclarationStage? current = null)
    {
        var main = StageLabels.InRouteOrder.Where(p => p.Key != nameof(DeclarationStage.Excluded)).Select(p => (p.Key, p.Value)).ToList();
        var side = (nameof(DeclarationStage.Excluded), StageLabels.For(nameof(DeclarationStage.Excluded)));
        var edges = DeclarationRoute.Edges().Select(e => new Arrow(e.From.ToString(), e.To.ToString(), e.Trigger.ToString(), e.Label)).ToList();
        var layout = new Layout("declaration", "申报表流程图", BoxLeft: 300, BoxWidth: 200, SideLeft: 620, SideWidth: 150, SideRow: 1, Width: 790);
        return Draw(layout, main, side, edges, current?.ToString(), current is { } c ? StageLabels.For(c.ToString()) : null);
    }

    /// <summary>The package route; <paramref name="current"/> highlights where the bureau's package stands.</summary>
    public static string PackageSvg(PackageStage? current = null)
    {
        // 区财政审核中（有退回） is the side stage beside 已报送区财政: the package goes there and back while finance returns.
        var main = Enum.GetValues<PackageStage>().Where(s => s != PackageStage.FinanceReviewing)
            .Select(s => (s.ToString(), PackageWorkflow.StageLabel(s))).ToList();
        var side = (nameof(PackageStage.FinanceReviewing), PackageWorkflow.StageLabel(PackageStage.FinanceReviewing));
        var edges = PackageRoute.Edges().Select(e => new Arrow(e.From.ToString(), e.To.ToString(), e.Trigger.ToString(), e.Label)).ToList();
        var layout = new Layout("package", "申报包流程图", BoxLeft: 20, BoxWidth: 200, SideLeft: 320, SideWidth: 212, SideRow: 3.5, Width: 556);
        return Draw(layout, main, side, edges, current?.ToString(), current is { } c ? PackageWorkflow.StageLabel(c) : null);
    }

    private sealed record Arrow(string From, string To, string Trigger, string Label);

    private sealed record Layout(string Route, string Title, int BoxLeft, int BoxWidth, int SideLeft, int SideWidth, double SideRow, int Width);

    private static string Draw(
        Layout l, List<(string Stage, string Label)> main, (string Stage, string Label) side, List<Arrow> edges, string? current, string? currentLabel)
    {
        int Row(string stage) => main.FindIndex(m => m.Stage == stage);
        double Y(double row) => Top + row * RowGap;
        var sideY = Y(l.SideRow);
        var sideX = l.SideLeft + l.SideWidth / 2.0;
        var height = (int)Y(main.Count - 1) + BoxHeight + Top;
        var arrow = $"{l.Route}-arrow";
        var title = currentLabel is null ? l.Title : $"{l.Title}，当前环节：{currentLabel}";

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"route-diagram\" data-route=\"{l.Route}\" role=\"img\" aria-labelledby=\"{l.Route}-diagram-title\" viewBox=\"0 0 {l.Width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{l.Route}-diagram-title\">{WebUtility.HtmlEncode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<defs><marker id=\"{arrow}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#334\"/></marker>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<marker id=\"{arrow}-back\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#b54\"/></marker></defs>");

        foreach (var (stage, label) in main)
        {
            Box(svg, stage, label, l.BoxLeft, Y(Row(stage)), l.BoxWidth, stage == current);
        }
        Box(svg, side.Stage, side.Label, l.SideLeft, sideY, l.SideWidth, side.Stage == current);

        var lane = 0;
        var exitsPerSource = new Dictionary<string, int>();
        var sideIn = 0;
        var boxRight = l.BoxLeft + l.BoxWidth;
        foreach (var edge in edges)
        {
            var from = Row(edge.From);
            var to = Row(edge.To);
            if (from >= 0 && to == from + 1)
            {
                // Forward, down the column.
                var x = l.BoxLeft + l.BoxWidth / 2.0;
                Line(svg, arrow, $"M{F(x)},{F(Y(from) + BoxHeight)} L{F(x)},{F(Y(to))}", back: false, edge.Trigger);
                Label(svg, x + 8, (Y(from) + BoxHeight + Y(to)) / 2 + 5, edge.Label, "start", back: false, edge.Trigger);
            }
            else if (from >= 0 && to >= 0 && to < from)
            {
                // Return: a dashed lane on the left, labelled at the row it leaves.
                var n = exitsPerSource.GetValueOrDefault(edge.From);
                exitsPerSource[edge.From] = n + 1;
                var laneX = l.BoxLeft - 16 - lane++ * 14;
                var exitY = Y(from) + 14 + n * 16;
                var entryY = Y(to) + 8 + Math.Min(lane, 5) * 6;
                Line(svg, arrow, $"M{l.BoxLeft},{F(exitY)} L{F(laneX)},{F(exitY)} L{F(laneX)},{F(entryY)} L{l.BoxLeft},{F(entryY)}", back: true, edge.Trigger);
                Label(svg, l.BoxLeft - 16 - 6 * 14 - 8, exitY + 4, edge.Label, "end", back: true, edge.Trigger);
            }
            else if (to < 0 && from >= 0)
            {
                // Into the side stage.
                var exitY = Y(from) + BoxHeight - 12;
                var entryY = sideY + 8 + sideIn++ * 10;
                Line(svg, arrow, $"M{boxRight},{F(exitY)} L{l.SideLeft},{F(entryY)}", IsReturn(edge), edge.Trigger);
                Label(svg, boxRight + 8, entryY < exitY ? exitY + 14 : exitY - 4, edge.Label, "start", IsReturn(edge), edge.Trigger, small: true);
            }
            else if (from < 0 && to < 0)
            {
                // The side stage again (the package's 区财政局再退回): a loop on its right, labelled above it.
                var right = l.SideLeft + l.SideWidth;
                Line(svg, arrow, $"M{right},{F(sideY + 10)} C{right + 18},{F(sideY + 4)} {right + 18},{F(sideY + BoxHeight - 4)} {right},{F(sideY + BoxHeight - 10)}", IsReturn(edge), edge.Trigger);
                Label(svg, right, sideY - 6, edge.Label, "end", IsReturn(edge), edge.Trigger, small: true);
            }
            else
            {
                // Out of the side stage back into the column, on the right: up from its top, or down from its bottom.
                var targetY = Y(to) + 12;
                var down = targetY > sideY + BoxHeight;
                var startY = down ? sideY + BoxHeight : sideY;
                Line(svg, arrow, $"M{F(sideX)},{F(startY)} L{F(sideX)},{F(targetY)} L{boxRight},{F(targetY)}", IsReturn(edge), edge.Trigger);
                Label(svg, sideX - 6, down ? targetY + 16 : targetY - 6, edge.Label, "end", IsReturn(edge), edge.Trigger, small: true);
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Arrows to and from the side stage are dashed when they are a return (区财政局退回), solid otherwise (不纳入汇总, 恢复).</summary>
    private static bool IsReturn(Arrow edge) => edge.Trigger.Contains("Return", StringComparison.Ordinal);

    private static void Box(StringBuilder svg, string stage, string text, double x, double y, int width, bool current)
    {
        var label = WebUtility.HtmlEncode(text);
        if (!current)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"route-stage\" data-stage=\"{stage}\"><rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{width}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"#eef3fb\" stroke=\"#2b5797\" stroke-width=\"1.5\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F(x + width / 2.0)}\" y=\"{F(y + BoxHeight / 2.0 + 6)}\" text-anchor=\"middle\" font-size=\"17\" fill=\"#112\">{label}</text></g>");
            return;
        }
        // The current stage: filled dark with white bold text, a thick outline and the word 当前 (colour is not the only cue).
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"route-stage current\" data-stage=\"{stage}\" aria-current=\"step\"><title>当前环节：{label}</title>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{F(x - 2)}\" y=\"{F(y - 2)}\" width=\"{width + 4}\" height=\"{BoxHeight + 4}\" rx=\"9\" fill=\"#1e3a5f\" stroke=\"#f59e0b\" stroke-width=\"4\"/>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F(x + width / 2.0)}\" y=\"{F(y + BoxHeight / 2.0 + 6)}\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"700\" fill=\"#fff\">{label}<tspan class=\"route-current-mark\" font-size=\"13\" dx=\"4\">（当前）</tspan></text></g>");
    }

    private static void Line(StringBuilder svg, string arrow, string path, bool back, string trigger) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<path class=\"route-edge{(back ? " route-edge-return" : "")}\" data-trigger=\"{trigger}\" d=\"{path}\" fill=\"none\" stroke=\"{(back ? "#b54" : "#334")}\" stroke-width=\"1.5\"{(back ? " stroke-dasharray=\"6 4\"" : "")} marker-end=\"url(#{(back ? arrow + "-back" : arrow)})\"/>");

    private static void Label(StringBuilder svg, double x, double y, string text, string anchor, bool back, string trigger, bool small = false) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"route-edge-label\" data-trigger=\"{trigger}\" x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"{(small ? 12 : 14)}\" fill=\"{(back ? "#933" : "#223")}\">{WebUtility.HtmlEncode(text)}</text>");

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
